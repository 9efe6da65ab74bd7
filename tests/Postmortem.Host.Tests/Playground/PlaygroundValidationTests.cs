using System.Net;
using System.Net.Http.Json;
using System.Text;
using Postmortem.Host.Playground;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Playground;

public sealed class PlaygroundValidationTests : IAsyncLifetime
{
    private HostFixture _host = null!;
    private PlaygroundClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await HostFixture.StartAsync();
        _client = _host.Playground();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(null, "hello")]
    [InlineData("", "hello")]
    [InlineData("has space", "hello")]
    [InlineData("alice", "")]
    [InlineData("alice", "   ")]
    [InlineData("alice", null)]
    public async Task Message_without_a_valid_user_or_text_is_refused_with_a_json_error(string? user, string? text)
    {
        using var response = await _client.Http.PostAsJsonAsync("/playground/api/messages", new PlaygroundPostRequest(user, text));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<PlaygroundError>();
        Assert.False(string.IsNullOrWhiteSpace(error?.Error));
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_a_json_error()
    {
        using var content = new StringContent("{ \"user\": ", Encoding.UTF8, "application/json");
        using var response = await _client.Http.PostAsync("/playground/api/messages", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await response.Content.ReadFromJsonAsync<PlaygroundError>());
    }

    [Fact]
    public async Task Text_over_forty_thousand_characters_is_refused_as_too_large()
    {
        using var response = await _client.SendPostAsync("alice", new string('a', PlaygroundEndpoints.MaxTextLength + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _client.MessagesAsync());
    }

    [Fact]
    public async Task Text_of_exactly_forty_thousand_characters_is_accepted()
    {
        using var response = await _client.SendPostAsync("alice", new string('a', PlaygroundEndpoints.MaxTextLength));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Reply_to_an_unknown_message_is_not_found()
    {
        using var response = await _client.SendPostAsync("alice", "hello", threadId: "m999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Only_the_author_can_edit_a_message()
    {
        var id = await _client.PostAsync("alice", "the cache fell over");

        using var response = await _client.Http.PutAsJsonAsync($"/playground/api/messages/{id}", new PlaygroundEditRequest("bob", "rewritten"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Button_without_an_action_id_is_refused()
    {
        var id = await _client.PostAsync("alice", "hello");

        using var response = await _client.Http.PostAsJsonAsync("/playground/api/buttons", new PlaygroundButtonRequest("alice", "", null, id));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
