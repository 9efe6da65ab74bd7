using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Postmortem.Teams.Inbound;

namespace Postmortem.Host.Tests.Teams;

/// <summary><c>POST /api/messages</c> on the real host: Bot Framework tokens, the serviceUrl allow-list, redelivery, and being added to a team.</summary>
public class TeamsMessagesEndpointTests
{
    [Fact]
    public async Task Activity_without_a_valid_token_is_refused_and_nothing_reaches_the_inbox()
    {
        await using var teams = await TeamsWorkspace.StartAsync();
        var now = teams.Host.Time.GetUtcNow();
        var activity = teams.Message(TeamsPerson.Bob, "checkout is down");

        using var none = await teams.SendAsync(activity, token: "");
        using var garbage = await teams.SendAsync(activity, token: "not-a-jwt");
        using var unpublishedKey = await teams.SendAsync(activity, teams.BotFramework.Mint(now, publishedKey: false));
        using var otherBot = await teams.SendAsync(activity, teams.BotFramework.Mint(now, audience: "another-bots-app-id"));
        using var expired = await teams.SendAsync(activity, teams.BotFramework.Mint(now.AddHours(-2)));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unpublishedKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherBot.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        await teams.WaitUntilIdleAsync();
        Assert.Equal(0, await teams.StoredCountAsync());
        Assert.Empty(teams.BotFramework.Requests);
    }

    [Fact]
    public async Task Activity_from_a_service_url_not_on_the_allow_list_is_forbidden()
    {
        await using var teams = await TeamsWorkspace.StartAsync();
        var now = teams.Host.Time.GetUtcNow();
        var elsewhere = teams.Message(TeamsPerson.Bob, $"<at>{LoopbackBotFramework.BotName}</at> start Checkout errors");
        elsewhere["serviceUrl"] = "https://connector.attacker.example/";
        var mismatched = teams.Message(TeamsPerson.Bob, "checkout is down");

        using var notAllowed = await teams.SendAsync(elsewhere, teams.BotFramework.Mint(now, "https://connector.attacker.example/"));
        using var notCovered = await teams.SendAsync(mismatched, teams.BotFramework.Mint(now, "https://connector.attacker.example/"));

        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notCovered.StatusCode);
        await teams.WaitUntilIdleAsync();
        Assert.Equal(0, await teams.StoredCountAsync());
        var serviceUrls = teams.Host.Services.GetRequiredService<IServiceUrlStore>();
        Assert.Null(await serviceUrls.FindAsync(TeamsWorkspace.TenantId, TeamsWorkspace.Channel, CancellationToken.None));
        Assert.Empty(teams.BotFramework.Requests);
    }

    [Fact]
    public async Task Activity_sent_twice_is_stored_once()
    {
        await using var teams = await TeamsWorkspace.StartAsync();
        var activity = teams.Message(TeamsPerson.Bob, "checkout is down");

        using var first = await teams.SendAsync(activity);
        using var again = await teams.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await teams.WaitUntilIdleAsync();
        Assert.Equal(1, await teams.StoredCountAsync());
    }

    [Fact]
    public async Task Bot_added_to_a_team_posts_a_welcome_and_remembers_its_service_url()
    {
        await using var teams = await TeamsWorkspace.StartAsync();

        using var response = await teams.SendAsync(teams.BotAdded(TeamsPerson.Alice));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await teams.WaitUntilIdleAsync();
        Assert.Single(teams.BotFramework.MessagesWith("@Postmortem start"));
        var serviceUrls = teams.Host.Services.GetRequiredService<IServiceUrlStore>();
        Assert.Equal(
            teams.BotFramework.ServiceUrl,
            await serviceUrls.FindAsync(TeamsWorkspace.TenantId, TeamsWorkspace.TeamId, CancellationToken.None));
    }
}
