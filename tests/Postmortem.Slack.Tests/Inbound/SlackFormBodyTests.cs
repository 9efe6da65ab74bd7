using System.Text;
using Postmortem.Slack.Inbound;

namespace Postmortem.Slack.Tests.Inbound;

public class SlackFormBodyTests
{
    [Theory]
    [InlineData("text=checkout+is+down", "checkout is down")]
    [InlineData("text=p99%20%3C%202s%20%26%20rising", "p99 < 2s & rising")]
    [InlineData("text=rolled%20back%20%E2%80%94%20ok%20%F0%9F%91%8D", "rolled back — ok 👍")]
    [InlineData("text=100%25%zz%4", "100%%zz%4")]
    [InlineData("text=", "")]
    [InlineData("text", "")]
    [InlineData("a=1&&text=x&", "x")]
    [InlineData("text=first&text=second", "first")]
    [InlineData("%74ext=escaped+key", "escaped key")]
    public void Values_are_decoded_like_a_browser_encodes_them(string body, string expected)
    {
        Assert.Equal(expected, Form(body).Value("text"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("texts=x&tex=y&Text=z")]
    [InlineData("user_id=U1&=text")]
    public void A_field_that_is_not_there_is_null(string body)
    {
        var form = Form(body);

        Assert.Null(form.Value("text"));
        Assert.False(form.Contains("text"));
    }

    [Fact]
    public void A_long_value_is_decoded_whole()
    {
        var text = string.Concat(Enumerable.Repeat("déploiement annulé & relancé; ", 200));

        Assert.Equal(text, Form("command=%2Fpostmortem&text=" + Uri.EscapeDataString(text)).Value("text"));
    }

    [Fact]
    public void A_json_payload_comes_back_as_its_utf8_bytes()
    {
        const string json = """{"type":"block_actions","user":{"name":"Zoë"}}""";

        var bytes = Form("payload=" + Uri.EscapeDataString(json)).Bytes("payload");

        Assert.Equal(json, Encoding.UTF8.GetString(bytes!));
    }

    private static SlackFormBody Form(string body) => new(Encoding.UTF8.GetBytes(body));
}
