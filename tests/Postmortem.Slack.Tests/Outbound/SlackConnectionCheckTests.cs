using Microsoft.Extensions.DependencyInjection;
using Postmortem.Slack.Outbound;
using Postmortem.Slack.Tests.WebApi;
using Postmortem.Slack.WebApi;

namespace Postmortem.Slack.Tests.Outbound;

public class SlackConnectionCheckTests
{
    [Fact]
    public async Task Start_up_check_learns_the_bots_identity_from_auth_test()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.ReplyWith(SlackMethods.AuthTest, "auth.test.json");
        await using var services = SlackTestServices.Build(slack);
        var check = services.GetRequiredService<SlackConnectionCheck>();

        await check.StartAsync(CancellationToken.None);
        await check.ExecuteTask!.WaitAsync(FakeSlackApi.Timeout);

        Assert.NotNull(check.Identity);
        Assert.False(string.IsNullOrEmpty(check.Identity.UserId));
        Assert.Single(slack.Calls(SlackMethods.AuthTest));
        Assert.Equal(check.Identity.Url?.TrimEnd('/') + "/", services.GetRequiredService<SlackWorkspace>().Url);
    }

    [Fact]
    public async Task A_refused_token_is_logged_and_does_not_stop_the_host()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.Reply(SlackMethods.AuthTest, FakeReply.Json("""{"ok":false,"error":"invalid_auth"}"""));
        await using var services = SlackTestServices.Build(slack);
        var check = services.GetRequiredService<SlackConnectionCheck>();

        await check.StartAsync(CancellationToken.None);
        await check.ExecuteTask!.WaitAsync(FakeSlackApi.Timeout);

        Assert.Null(check.Identity);
        Assert.True(check.ExecuteTask.IsCompletedSuccessfully);
    }
}
