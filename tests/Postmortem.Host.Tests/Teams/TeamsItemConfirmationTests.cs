using System.Net;
using System.Text.Json.Nodes;
using Postmortem.Core.Actions;

namespace Postmortem.Host.Tests.Teams;

/// <summary>Who may confirm an action item in Teams, and taking a confirmation back by removing the 👍.</summary>
public class TeamsItemConfirmationTests
{
    private static readonly TeamsPerson Dave = new("29:1daveU8vW0xY2zA4bC6dE8fG0hJ2kL4mN", "Dave Example", "da7e0000-0000-4000-8000-000000000004");

    [Fact]
    public async Task Only_the_owner_confirms_and_removing_the_like_undoes_it()
    {
        await using var teams = await TeamsWorkspace.StartAsync();
        await teams.CommandAsync(TeamsPerson.Alice, "start Checkout errors sev:SEV2");
        await teams.CommandAsync(TeamsPerson.Alice,
            "action Add a saturation alert for the payments pool <at>Dave Example</at> by 2026-12-04 done when the alert fires in staging",
            Dave);
        var item = Assert.Single(teams.BotFramework.MessagesWith("Action item #1"));
        var confirm = Assert.Single(item.Buttons, b => b["actionId"]?.GetValue<string>() == ButtonIds.ConfirmItem);

        // Someone else's press: the card comes back unchanged, still asking the owner.
        using (var invoked = await teams.SendAsync(teams.CardAction(TeamsPerson.Carol, item.Id, ButtonIds.ConfirmItem, confirm)))
        {
            Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
            var answer = JsonNode.Parse(await invoked.Content.ReadAsStringAsync())!.AsObject();
            var card = new ConnectorMessage { Id = item.Id, ConversationId = item.ConversationId, Card = answer["value"]!.AsObject() };
            Assert.Contains("proposed", card.Text, StringComparison.Ordinal);
            Assert.Contains(card.Buttons, b => b["actionId"]?.GetValue<string>() == ButtonIds.ConfirmItem);
        }

        await teams.WaitUntilIdleAsync();
        item = Assert.Single(teams.BotFramework.MessagesWith("Action item #1"));
        Assert.Equal(0, item.Updates);
        Assert.Contains("proposed", item.Text, StringComparison.Ordinal);

        // The owner's 👍 confirms; taking it back makes the item proposed again.
        await teams.SendAndWaitAsync(teams.SendAsync(teams.Reaction(Dave, "like", item.Id)));
        Assert.Contains("confirmed by <at>Dave Example</at>", Assert.Single(teams.BotFramework.MessagesWith("Action item #1")).Text, StringComparison.Ordinal);

        var removed = teams.Reaction(Dave, "like", item.Id);
        removed["reactionsRemoved"] = removed["reactionsAdded"]!.DeepClone();
        removed.Remove("reactionsAdded");
        await teams.SendAndWaitAsync(teams.SendAsync(removed));
        item = Assert.Single(teams.BotFramework.MessagesWith("Action item #1"));
        Assert.Equal(2, item.Updates);
        Assert.Contains("proposed", item.Text, StringComparison.Ordinal);
        Assert.Contains(item.Buttons, b => b["actionId"]?.GetValue<string>() == ButtonIds.ConfirmItem);
    }
}
