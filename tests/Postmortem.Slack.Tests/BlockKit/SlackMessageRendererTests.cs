using System.Text.Json.Nodes;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;
using Postmortem.Slack.BlockKit;

namespace Postmortem.Slack.Tests.BlockKit;

public sealed class SlackMessageRendererTests
{
    [Fact]
    public void Short_text_is_one_mrkdwn_section_with_the_same_fallback_text()
    {
        var message = Assert.Single(SlackMessageRenderer.Render(new MessageContent("*Why 1:* why did <@U0BOB0001> see 500s?")));

        var block = Assert.Single(message.Blocks);
        Assert.Equal("section", Str(block, "type"));
        Assert.Equal("mrkdwn", Str(block["text"]!, "type"));
        Assert.Equal("*Why 1:* why did <@U0BOB0001> see 500s?", Str(block["text"]!, "text"));
        Assert.Equal("*Why 1:* why did <@U0BOB0001> see 500s?", message.Text);
    }

    [Fact]
    public void Angle_brackets_and_ampersands_are_escaped_but_mentions_and_links_are_kept()
    {
        var text = SlackMrkdwn.Escape("p99 < 2s & > 1s for <@U1|Ann B> see <https://grafana.example.com/d/1|dash> <#C123>");

        Assert.Equal("p99 &lt; 2s &amp; &gt; 1s for <@U1|Ann B> see <https://grafana.example.com/d/1|dash> <#C123>", text);
    }

    [Theory]
    [InlineData("<", "&lt;")]
    [InlineData("&&", "&amp;&amp;")]
    [InlineData("<@U1>&", "<@U1>&amp;")]
    [InlineData(">x<https://a.example/b?c=1&d=2|graph>", "&gt;x<https://a.example/b?c=1&d=2|graph>")]
    [InlineData("<not a token> <#C1|inc>", "&lt;not a token&gt; <#C1|inc>")]
    public void Escaping_at_the_edges_of_the_text_and_of_tokens(string text, string escaped)
    {
        Assert.Equal(escaped, SlackMrkdwn.Escape(text));
    }

    [Theory]
    [InlineData("checkout is down — rolled back at 14:05")]
    [InlineData("ask <@U1|ann> in <#C1> or see <https://status.example.com>")]
    public void Text_with_nothing_to_escape_is_returned_as_it_is(string text)
    {
        Assert.Same(text, SlackMrkdwn.Escape(text));
    }

    [Fact]
    public void Long_text_is_split_into_sections_of_at_most_3000_characters_and_nothing_is_lost()
    {
        var paragraphs = Enumerable.Range(1, 40).Select(i => $"Paragraph {i}: " + new string('x', 400) + " <@U0BOB0001> & more");
        var text = string.Join("\n", paragraphs);

        var message = Assert.Single(SlackMessageRenderer.Render(new MessageContent(text)));

        Assert.True(message.Blocks.Count > 5);
        Assert.All(message.Blocks, b => Assert.InRange(Str(b["text"]!, "text").Length, 1, SlackLimits.SectionText));
        var joined = string.Join("\n", message.Blocks.Select(b => Str(b["text"]!, "text")));
        Assert.Equal(SlackMrkdwn.Escape(text), joined);
        Assert.InRange(message.Text.Length, 1, SlackLimits.FallbackText);
    }

    [Fact]
    public void A_word_longer_than_a_section_is_cut_without_breaking_a_mention_or_an_entity()
    {
        var text = new string('a', 2995) + "<@U0BOB0001>" + new string('b', 10) + "&" + new string('c', 4000);

        var pieces = SlackMrkdwn.Split(SlackMrkdwn.Escape(text), SlackLimits.SectionText);

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, SlackLimits.SectionText));
        Assert.Contains(pieces, p => p.StartsWith("<@U0BOB0001>", StringComparison.Ordinal));
        Assert.Equal(SlackMrkdwn.Escape(text), string.Concat(pieces));
        Assert.DoesNotContain(pieces, p => p.EndsWith("&am", StringComparison.Ordinal) || p.EndsWith('&'));
    }

    [Fact]
    public void Text_beyond_fifty_blocks_continues_in_further_messages_with_the_buttons_last()
    {
        var text = string.Join("\n", Enumerable.Range(1, 60).Select(i => $"{i}: " + new string('y', 2990)));
        var content = new MessageContent(text)
        {
            Buttons = [new MessageButton(ButtonIds.Render, "Render", "s1", Primary: true)],
        };

        var messages = SlackMessageRenderer.Render(content);

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.InRange(m.Blocks.Count, 1, SlackLimits.BlocksPerMessage));
        Assert.Equal(61, messages.Sum(m => m.Blocks.Count));
        Assert.Equal("actions", Str(messages[1].Blocks[^1], "type"));
        Assert.Contains("part 2 of 2", messages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Buttons_become_an_actions_block_with_ids_values_and_primary_style()
    {
        var content = new MessageContent("Confirm item 1?", MessagePurpose.ActionItem)
        {
            Buttons =
            [
                new MessageButton(ButtonIds.ConfirmItem, "Confirm", "s1:1", Primary: true),
                new MessageButton(ButtonIds.DeclineItem, "Decline", "s1:1"),
            ],
        };

        var actions = Assert.Single(SlackMessageRenderer.Render(content)).Blocks[^1];

        Assert.Equal("actions", Str(actions, "type"));
        var buttons = actions["elements"]!.AsArray();
        Assert.Equal(ButtonIds.ConfirmItem, Str(buttons[0]!, "action_id"));
        Assert.Equal("s1:1", Str(buttons[0]!, "value"));
        Assert.Equal("primary", Str(buttons[0]!, "style"));
        Assert.Equal("Confirm", Str(buttons[0]!["text"]!, "text"));
        Assert.Null(buttons[1]!["style"]);
    }

    [Fact]
    public void Many_buttons_are_split_into_actions_blocks_of_25()
    {
        var content = new MessageContent("pick") { Buttons = Enumerable.Range(1, 30).Select(i => new MessageButton($"b{i}", $"B{i}")).ToList() };

        var blocks = Assert.Single(SlackMessageRenderer.Render(content)).Blocks;

        var actions = blocks.Where(b => Str(b, "type") == "actions").ToList();
        Assert.Equal([25, 5], actions.Select(a => a["elements"]!.AsArray().Count));
    }

    [Fact]
    public void Action_item_message_shows_owner_due_done_when_and_status_as_fields()
    {
        var item = new ActionItem
        {
            Number = 2,
            Change = "Alert on pool saturation",
            OwnerId = "U0BOB0001",
            Due = new DateOnly(2026, 12, 1),
            DoneWhen = "the alert fires in the drill",
            ProposedBy = "U0ALICE01",
            ProposedAt = DateTimeOffset.UnixEpoch,
            MessageKey = "s1:item:2",
        };

        var blocks = Assert.Single(SlackMessageRenderer.Render(new MessageContent("Item 2", MessagePurpose.ActionItem) { Item = item })).Blocks;

        var fields = blocks[1]["fields"]!.AsArray().Select(f => Str(f!, "text")).ToList();
        Assert.Equal(
            ["*Owner*\n<@U0BOB0001>", "*Due*\n2026-12-01", "*Done when*\nthe alert fires in the drill", "*Status*\nProposed"],
            fields);
    }

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();
}
