using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Teams.Inbound;
using Postmortem.Teams.Tests.Auth;
using Postmortem.Teams.Tests.Payloads;

namespace Postmortem.Teams.Tests.Inbound;

/// <summary>A real Kestrel host on 127.0.0.1 with the Teams endpoint, wired to a loopback Bot Framework.</summary>
internal sealed class TeamsTestHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private TeamsTestHost(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public RecordingTeamsSink Sink => app.Services.GetRequiredService<RecordingTeamsSink>();

    public IServiceUrlStore ServiceUrls => app.Services.GetRequiredService<IServiceUrlStore>();

    public static async Task<TeamsTestHost> StartAsync(
        LoopbackBotFramework botFramework, FakeTimeProvider time, int? maxBodyBytes = null, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = LoopbackBotFramework.AppId,
            ["Teams:OpenIdMetadataUrl"] = botFramework.MetadataUrl,
            ["Teams:AllowedServiceUrlHosts"] = "127.0.0.1",
        };
        if (maxBodyBytes is { } max)
        {
            settings["Teams:MaxBodyBytes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<RecordingTeamsSink>();
        builder.Services.AddSingleton<ITeamsEventSink>(sp => sp.GetRequiredService<RecordingTeamsSink>());
        configure?.Invoke(builder.Services);
        builder.Services.AddTeamsInbound(builder.Configuration);

        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapTeamsMessages();
        await app.StartAsync();

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        return new TeamsTestHost(app, client);
    }

    public async Task<HttpResponseMessage> PostAsync(JsonNode activity, string? token) =>
        await PostAsync(TestPayloads.Bytes(activity), token);

    public async Task<HttpResponseMessage> PostAsync(byte[] body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
