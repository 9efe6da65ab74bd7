using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Postmortem.Slack.WebApi;

namespace Postmortem.Slack.Outbound;

/// <summary>
/// Calls <c>auth.test</c> once at start-up so a wrong or revoked bot token shows up in the log at once, not at the
/// first incident. Never stops the host: events are still stored and actions wait in the outbox.
/// </summary>
public sealed partial class SlackConnectionCheck(SlackWebApi api, SlackWorkspace workspace, ILogger<SlackConnectionCheck> logger) : BackgroundService
{
    /// <summary>The identity Slack reported, once the check succeeded.</summary>
    public SlackAuthTestResponse? Identity { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Identity = await api.Auth.TestAsync(stoppingToken).ConfigureAwait(false);
            workspace.Url = Identity.Url;
            workspace.BotUserId = Identity.UserId;
            LogConnected(Identity.User, Identity.UserId, Identity.Team, Identity.TeamId);
        }
        catch (SlackApiException ex)
        {
            LogRefused(ex.Error, ex.UserHint ?? "check Slack__BotToken");
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(ex.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Information, "Slack: connected as {BotName} ({BotUserId}) in {Team} ({TeamId})")]
    private partial void LogConnected(string? botName, string? botUserId, string? team, string? teamId);

    [LoggerMessage(LogLevel.Warning, "Slack refused the bot token (auth.test: {Error}): {Hint}")]
    private partial void LogRefused(string error, string hint);

    [LoggerMessage(LogLevel.Warning, "Slack could not be reached for auth.test: {Reason}; events are still stored and replies wait in the outbox")]
    private partial void LogUnreachable(string reason);
}
