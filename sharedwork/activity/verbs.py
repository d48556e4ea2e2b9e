"""How each activity verb reads as a sentence. Core verbs here; tools add theirs via ``Tool.activity_verbs``."""

CORE_VERBS = {
    "community.created": "{actor} created the community {target}",
    "community.settings_changed": "{actor} changed the settings of {target}",
    "community.archived": "{actor} archived {target}",
    "community.unarchived": "{actor} reopened {target}",
    "community.approved": "{actor} approved the community {target}",
    "community.declined": "{actor} declined the request for the community {target}",
    "community.child_created": "{actor} created the group {target}",
    "community.tools_changed": "{actor} changed the tools of {target}",
    "community.home_changed": "{actor} redesigned the home page of {target}",
    "member.joined": "{actor} joined {target}",
    "member.left": "{actor} left {target}",
    "member.requested": "{actor} asked to join {target}",
    "member.request_cancelled": "{actor} withdrew their request to join {target}",
    "member.request_approved": "{actor} approved {subject}'s request to join {target}",
    "member.request_declined": "{actor} declined {subject}'s request to join {target}",
    "member.invited": "{actor} invited {subject} to {target}",
    "member.invitation_accepted": "{actor} accepted the invitation to {target}",
    "member.invitation_declined": "{actor} declined the invitation to {target}",
    "member.invitation_revoked": "{actor} withdrew an invitation to {target}",
    "member.role_changed": "{actor} made {subject} {role} of {target}",
    "member.removed": "{actor} removed {subject} from {target}",
    "member.banned": "{actor} banned {subject} from {target}",
    "member.unbanned": "{actor} lifted the ban of {subject} in {target}",
    "member.ownership_transferred": "{actor} handed ownership of {target} to {subject}",
}


def sentence_template(verb: str) -> str:
    from sharedwork.tools.registry import registry

    if verb in CORE_VERBS:
        return CORE_VERBS[verb]
    for tool in registry.all():
        if verb in tool.activity_verbs:
            return tool.activity_verbs[verb]
    return "{actor} did something in {target}"
