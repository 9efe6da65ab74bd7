using Microsoft.Extensions.Options;

namespace Postmortem.Slack.Tests.Inbound;

internal static class TestSlackOptions
{
    public const string Secret = "test-signing-secret-0123456789";

    public static IOptions<SlackOptions> Create(string? botUserId = "UBOT", string? botId = null) =>
        Options.Create(new SlackOptions { SigningSecret = Secret, BotUserId = botUserId, BotId = botId });
}
