namespace Postmortem.Slack.WebApi;

/// <summary>The Web API method names this adapter calls.</summary>
public static class SlackMethods
{
    public const string AuthTest = "auth.test";
    public const string ChatPostMessage = "chat.postMessage";
    public const string ChatUpdate = "chat.update";
    public const string ChatPostEphemeral = "chat.postEphemeral";
    public const string ChatGetPermalink = "chat.getPermalink";
    public const string ConversationsHistory = "conversations.history";
    public const string ConversationsReplies = "conversations.replies";
    public const string ConversationsInfo = "conversations.info";
    public const string ConversationsMembers = "conversations.members";
    public const string UsersInfo = "users.info";
    public const string ReactionsGet = "reactions.get";
    public const string FilesGetUploadUrlExternal = "files.getUploadURLExternal";
    public const string FilesCompleteUploadExternal = "files.completeUploadExternal";
}
