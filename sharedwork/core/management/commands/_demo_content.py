"""The demo's content: organizations, people and communities our first users will recognize.

Plain data only; ``seed_demo.py`` builds it through the services. Every person and most organizations are
invented; the IDEA Partnership and the North Carolina Department of Public Instruction are named because
the national Community of Practice on School Behavioral Health grew up around them.
"""

from sharedwork.accounts.models import OrganizationKind as Kind
from sharedwork.accounts.models import StakeholderRole as Role

ADMIN = "admin@example.org"
MODERATOR = "moderator@example.org"
MEMBER = "member@example.org"
OUTSIDER = "outsider@example.org"
DEMO_ACCOUNTS = [
    (ADMIN, "site admin (can see and manage everything)"),
    (MODERATOR, "moderator of the national Community of Practice on School Behavioral Health"),
    (MEMBER, "member of the national and the North Carolina communities"),
    (OUTSIDER, "verified, member of no community"),
]

# slug, name, kind, state, website, description
ORGANIZATIONS = [
    ("idea-partnership", "IDEA Partnership", Kind.NATIONAL, "", "https://www.ideapartnership.org",
     "A national partnership of organizations, agencies and families that facilitates Communities of "
     "Practice on issues in special education, so that the people who share an issue can work on it "
     "together."),
    ("nc-department-of-public-instruction", "North Carolina Department of Public Instruction",
     Kind.STATE_AGENCY, "NC", "https://www.dpi.nc.gov",
     "The state education agency of North Carolina. Its Exceptional Children Division supports districts in "
     "serving students with disabilities."),
    ("piedmont-valley-schools", "Piedmont Valley Schools", Kind.DISTRICT, "NC", "",
     "A district of 32 schools in the North Carolina Piedmont, building a multi-tiered system of support "
     "for student mental health."),
    ("coastal-plain-county-schools", "Coastal Plain County Schools", Kind.DISTRICT, "NC", "",
     "A rural district in eastern North Carolina partnering with community mental health providers."),
    ("harbor-city-public-schools", "Harbor City Public Schools", Kind.DISTRICT, "MD", "",
     "An urban district in Maryland with school-based mental health clinicians in every middle school."),
    ("lakeview-middle-school", "Lakeview Middle School", Kind.SCHOOL, "NC", "",
     "A middle school in Piedmont Valley Schools piloting universal screening."),
    ("carolina-families-together", "Carolina Families Together", Kind.FAMILY, "NC", "",
     "A statewide family organization run by parents of children with disabilities and mental health needs."),
    ("eastern-state-university", "Eastern State University Center for School Mental Health", Kind.UNIVERSITY,
     "MD", "", "A university research center studying school mental health services and their outcomes."),
    ("national-center-sbh-ta", "National Center for School Behavioral Health Technical Assistance",
     Kind.TA_CENTER, "", "",
     "A technical-assistance center helping states and districts bring education and mental health "
     "together."),
    ("mountain-states-family-network", "Mountain States Family Network", Kind.FAMILY, "CO", "",
     "A family-led network supporting families of youth with emotional and behavioral needs."),
]  # fmt: skip

# email, display name, stakeholder role, state, job title, organization slug (or ""), title there, bio
PEOPLE = [
    (ADMIN, "Sam Ortiz", Role.OTHER, "", "Site administrator", "", "",
     "I keep this SharedWork site running. Write to me if something does not work."),
    (MODERATOR, "Morgan Ellis", Role.TA_PROVIDER, "VA", "Community facilitator", "idea-partnership",
     "Community facilitator", "I help the national Community of Practice on School Behavioral Health "
     "convene its members and keep its shared work moving."),
    (MEMBER, "Jordan Baker", Role.EDUCATOR, "NC", "School counselor", "piedmont-valley-schools",
     "School counselor, Lakeview Middle School", "School counselor in the Piedmont. I care about "
     "getting students the support they need before a crisis."),
    (OUTSIDER, "Taylor Quinn", Role.FAMILY, "VA", "", "", "",
     "Parent of a teenager with anxiety, looking for others working on school mental health."),
    ("renee.castillo@example.org", "Renee Castillo", Role.TA_PROVIDER, "VA", "Partnership director",
     "idea-partnership", "Director",
     "I have spent twenty years bringing people together around shared issues."),
    ("denise.howard@example.org", "Denise Howard", Role.STATE_AGENCY, "NC", "Section chief",
     "nc-department-of-public-instruction", "Section Chief, Exceptional Children Division", ""),
    ("keisha.barnes@example.org", "Keisha Barnes", Role.FAMILY, "NC", "Family engagement coordinator",
     "carolina-families-together", "Family Engagement Coordinator",
     "Mother of two and a family leader. Families belong at every table where decisions are made."),
    ("michael.chen@example.org", "Dr. Michael Chen", Role.RESEARCHER, "MD", "Associate professor",
     "eastern-state-university", "Associate Professor",
     "I study universal screening and how schools use data."),
    ("lauren.price@example.org", "Lauren Price", Role.POLICYMAKER, "MD", "Legislative analyst", "", "",
     "I advise state legislators on education and children's mental health policy."),
    ("andre.williams@example.org", "Andre Williams", Role.ADMINISTRATOR, "NC", "Director of student services",
     "piedmont-valley-schools", "Director of Student Services", ""),
    ("maria.gonzalez@example.org", "Maria Gonzalez", Role.RELATED_SERVICES, "NC", "School psychologist",
     "coastal-plain-county-schools", "School Psychologist", ""),
    ("james.okafor@example.org", "James Okafor", Role.RELATED_SERVICES, "MD", "School social worker",
     "harbor-city-public-schools", "School Social Worker", ""),
    ("emily.tran@example.org", "Emily Tran", Role.EDUCATOR, "NC", "Special education teacher",
     "lakeview-middle-school", "Special Education Teacher", ""),
    ("robert.king@example.org", "Robert King", Role.ADMINISTRATOR, "NC", "Principal",
     "lakeview-middle-school", "Principal", ""),
    ("aisha.mohammed@example.org", "Aisha Mohammed", Role.YOUTH, "NC", "Youth advocate",
     "carolina-families-together", "Youth Advisory Council", "College student and youth advocate."),
    ("patricia.lewis@example.org", "Patricia Lewis", Role.STATE_AGENCY, "NC", "Mental health consultant",
     "nc-department-of-public-instruction", "School Mental Health Consultant", ""),
    ("daniel.foster@example.org", "Daniel Foster", Role.TA_PROVIDER, "", "Technical-assistance specialist",
     "national-center-sbh-ta", "TA Specialist", ""),
    ("grace.kim@example.org", "Grace Kim", Role.RESEARCHER, "MD", "Research associate",
     "eastern-state-university", "Research Associate", ""),
    ("luis.ramirez@example.org", "Luis Ramirez", Role.FAMILY, "CO", "Parent leader",
     "mountain-states-family-network", "Parent Leader", ""),
    ("hannah.schmidt@example.org", "Hannah Schmidt", Role.EDUCATOR, "MD", "Health teacher",
     "harbor-city-public-schools", "Health Teacher", ""),
    ("olivia.brooks@example.org", "Olivia Brooks", Role.STATE_AGENCY, "MD", "Education program specialist",
     "", "", ""),
    ("samuel.jackson@example.org", "Samuel Jackson", Role.POLICYMAKER, "NC", "County commissioner",
     "", "", ""),
    ("nina.patel@example.org", "Nina Patel", Role.RELATED_SERVICES, "NC", "School nurse",
     "piedmont-valley-schools", "School Nurse", ""),
    ("thomas.reed@example.org", "Thomas Reed", Role.TA_PROVIDER, "CO", "Regional TA coordinator",
     "national-center-sbh-ta", "Regional Coordinator", ""),
    ("carmen.diaz@example.org", "Carmen Diaz", Role.FAMILY, "NC", "Parent mentor",
     "carolina-families-together", "Parent Mentor", ""),
    ("brian.oneal@example.org", "Brian O'Neal", Role.ADMINISTRATOR, "NC", "Assistant superintendent",
     "coastal-plain-county-schools", "Assistant Superintendent", ""),
    ("sophia.nguyen@example.org", "Sophia Nguyen", Role.RESEARCHER, "NC", "Data analyst",
     "nc-department-of-public-instruction", "Data Analyst", ""),
    ("marcus.bell@example.org", "Marcus Bell", Role.YOUTH, "MD", "Youth leader", "", "", ""),
    ("rachel.cohen@example.org", "Rachel Cohen", Role.RELATED_SERVICES, "CO", "Clinical social worker",
     "", "", ""),
    ("kevin.wright@example.org", "Kevin Wright", Role.EDUCATOR, "NC", "Behavior specialist",
     "coastal-plain-county-schools", "Behavior Specialist", ""),
    ("angela.moore@example.org", "Angela Moore", Role.STATE_AGENCY, "CO", "State coordinator", "", "", ""),
    ("yusuf.ali@example.org", "Yusuf Ali", Role.OTHER, "NC", "Community mental health provider", "", "", ""),
    ("beth.harper@example.org", "Beth Harper", Role.FAMILY, "NC", "Parent", "", "", ""),
    ("chris.evans@example.org", "Chris Evans", Role.EDUCATOR, "NC", "School counselor",
     "coastal-plain-county-schools", "School Counselor", ""),
]  # fmt: skip

NATIONAL = {
    "slug": "school-behavioral-health",
    "name": "Community of Practice on School Behavioral Health",
    "tagline": "Connecting schools, families and mental health partners so every student can thrive",
    "description": (
        "The national **Community of Practice on School Behavioral Health** brings together the "
        "organizations, agencies, families and individuals who want schools and mental health systems to"
        " work as one for students.\n\nWe share what works, learn from each other's efforts in states "
        "and districts, and do together what none of us could do alone. Anyone can join: start by "
        "introducing yourself, then find the state community or practice group closest to your work."
    ),
    "charter_who": (
        "Families whose children need behavioral health support at school; youth who have lived it; "
        "teachers, counselors, psychologists, social workers and nurses; school and district leaders; "
        "state education and mental health agencies; researchers; policymakers; and the national "
        "organizations and technical-assistance centers that support them. We care because students "
        "cannot learn when their mental health needs go unmet, and no single system can meet those needs"
        " alone."
    ),
    "charter_underway": (
        "States are building multi-tiered systems of support; districts are placing clinicians in schools; "
        "family organizations train parents to be partners; universities study screening and outcomes; "
        "technical-assistance centers help them all. Much of this work happens side by side without "
        "people knowing about each other."
    ),
    "charter_shared": (
        "- Common language between education and mental health\n"
        "- Practical guides for bringing community providers into schools\n"
        "- Family and youth voice in every state's plans\n"
        "- Sharing data across systems while protecting privacy"
    ),
    "charter_connections": (
        "An annual national meeting and Capacity Building Institute, monthly calls of the state communities, "
        "practice groups on focused topics, and this site, where we write, plan and keep track of our work "
        "together."
    ),
}

NORTH_CAROLINA = {
    "slug": "nc-school-behavioral-health",
    "name": "North Carolina School Behavioral Health",
    "tagline": "North Carolina's state community on school behavioral health",
    "description": (
        "The North Carolina state community of the national Community of Practice. Districts, the Department "
        "of Public Instruction, family organizations and community providers working on student mental "
        "health across the state."
    ),
    "charter_who": (
        "North Carolina families, educators, district leaders, the Department of Public Instruction and "
        "community mental health providers who want every district to have a working school behavioral "
        "health system."
    ),
    "charter_underway": "District pilots of universal screening, a statewide family training program, "
    "and local partnerships with community mental health agencies.",
    "charter_shared": "A North Carolina guide to school behavioral health teams that every district can use.",
    "charter_connections": "Monthly calls, two practice groups and a yearly statewide meeting.",
}

FAMILY_GROUP = {
    "slug": "nc-family-engagement",
    "name": "Family Engagement Practice Group",
    "tagline": "Families and schools as equal partners in student mental health",
    "description": "Families, family organizations and school staff working on how schools partner with "
    "families when a student needs behavioral health support.",
    "charter_who": "Parents, youth, family organizations and the school staff who work with them.",
    "charter_shared": "A toolkit for family partnership in school behavioral health teams.",
}

DATA_GROUP = {
    "slug": "nc-data-and-screening",
    "name": "Data and Screening Practice Group",
    "tagline": "Universal screening and data use for school behavioral health",
    "description": "District data leads, researchers and clinicians sharing how to screen students and use "
    "the results well, and protect students' privacy while doing it.",
    "charter_who": "District data leads, school psychologists, researchers and state data staff.",
    "charter_shared": "Recommendations for choosing and using screening tools in North Carolina schools.",
}

LISTED = {
    "slug": "state-policy-leaders",
    "name": "State Leaders in School Mental Health Policy",
    "tagline": "State agency and legislative staff comparing school mental health policy",
    "description": "A community for people who write and carry out state policy on school mental health. "
    "Anyone can see that it exists; its discussions are for members.",
    "charter_who": "State education and mental health agency staff, legislative staff and policy "
    "researchers.",
}

HIDDEN = {
    "slug": "national-meeting-planning",
    "name": "National Meeting Planning Team",
    "tagline": "Planning the national meeting and Capacity Building Institute",
    "description": "The team that plans the national meeting: agenda, speakers and logistics. Only its "
    "members know this space exists.",
}

ANNOUNCEMENT = (
    "**10th National CoP on School Behavioral Health Meeting**: May 7-9, 2013 Capacity Building Institute, "
    "Charlotte, NC. Follow our work from the 7th Annual Capacity Building Institute in the wiki."
)

TOPICS = [
    "School mental health",
    "Family engagement",
    "Universal screening",
    "Multi-tiered systems of support",
]

# Who joins which community, beyond the owners and moderators.


def _at(*names: str) -> list[str]:
    return [f"{name}@example.org" for name in names]


NATIONAL_MEMBERS = [MODERATOR, MEMBER] + _at(
    "denise.howard", "keisha.barnes", "michael.chen", "lauren.price", "andre.williams", "maria.gonzalez",
    "james.okafor", "emily.tran", "aisha.mohammed", "daniel.foster", "grace.kim", "luis.ramirez",
    "hannah.schmidt", "olivia.brooks", "thomas.reed", "carmen.diaz", "rachel.cohen", "angela.moore",
    "marcus.bell", "patricia.lewis",
)  # fmt: skip
NC_MEMBERS = [MEMBER] + _at(
    "keisha.barnes", "michael.chen", "andre.williams", "maria.gonzalez", "emily.tran", "robert.king",
    "patricia.lewis", "carmen.diaz", "brian.oneal", "sophia.nguyen", "nina.patel", "kevin.wright",
    "aisha.mohammed",
)  # fmt: skip
NC_PENDING_REQUESTS = [
    ("yusuf.ali@example.org", "I run a community mental health clinic that serves three schools in Durham."),
    ("beth.harper@example.org", "My son's school is starting screening and I would like to learn more."),
]
FAMILY_MEMBERS = _at("carmen.diaz", "aisha.mohammed", "emily.tran", "patricia.lewis")
DATA_MEMBERS = _at("sophia.nguyen", "maria.gonzalez", "andre.williams")
LISTED_MEMBERS = _at("olivia.brooks", "angela.moore", "samuel.jackson", "denise.howard", "grace.kim")
HIDDEN_MEMBERS = _at("renee.castillo", "daniel.foster", "thomas.reed")
OPEN_INVITATIONS = [  # (community slug, email): invitations left open for the demo
    ("nc-data-and-screening", MEMBER),
    ("nc-school-behavioral-health", "new.colleague@example.org"),
]
