using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Postmortem.Teams.Auth;
using Postmortem.Teams.Inbound;

namespace Postmortem.Teams.Tests.Auth;

public sealed class BotFrameworkTokenValidatorTests : IAsyncLifetime
{
    private const string Teams = "msteams";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
    private LoopbackBotFramework botFramework = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        botFramework = await LoopbackBotFramework.StartAsync();
        services = BuildServices(LoopbackBotFramework.AppId);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await botFramework.DisposeAsync();
    }

    private BotFrameworkTokenValidator Validator => services.GetRequiredService<BotFrameworkTokenValidator>();

    private DateTimeOffset Now => time.GetUtcNow();

    [Fact]
    public async Task Valid_token_for_the_activity_is_accepted()
    {
        var result = await ValidateAsync(botFramework.Mint(Now));

        Assert.Equal(BotFrameworkAuthStatus.Valid, result.Status);
        Assert.Equal(LoopbackBotFramework.ServiceUrl, result.ServiceUrlClaim);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var result = await ValidateAsync(botFramework.Mint(Now.AddHours(-2), lifetime: TimeSpan.FromHours(1)));

        AssertRefused(result, BotFrameworkAuthStatus.Unauthorized, "expired");
    }

    [Fact]
    public async Task Token_expired_less_than_the_clock_skew_ago_is_accepted()
    {
        var result = await ValidateAsync(botFramework.Mint(Now.AddMinutes(-64), lifetime: TimeSpan.FromHours(1)));

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public async Task Token_not_yet_valid_is_refused()
    {
        var result = await ValidateAsync(botFramework.Mint(Now, notBefore: Now.AddMinutes(10)));

        AssertRefused(result, BotFrameworkAuthStatus.Unauthorized, "not valid yet");
    }

    [Fact]
    public async Task Expiry_is_judged_by_the_injected_clock()
    {
        var token = botFramework.Mint(Now, lifetime: TimeSpan.FromHours(1));
        Assert.True((await ValidateAsync(token)).IsValid);

        time.Advance(TimeSpan.FromMinutes(66));

        AssertRefused(await ValidateAsync(token), BotFrameworkAuthStatus.Unauthorized, "expired");
    }

    [Fact]
    public async Task Token_from_another_issuer_is_refused()
    {
        var result = await ValidateAsync(botFramework.Mint(Now, issuer: "https://sts.windows.net/someone-else/"));

        AssertRefused(result, BotFrameworkAuthStatus.Unauthorized, "issuer");
    }

    [Fact]
    public async Task Token_for_another_bot_is_refused()
    {
        var result = await ValidateAsync(botFramework.Mint(Now, audience: "another-app-id"));

        AssertRefused(result, BotFrameworkAuthStatus.Unauthorized, "audience");
    }

    [Fact]
    public async Task Token_signed_by_a_key_the_Bot_Framework_does_not_publish_is_refused()
    {
        var result = await ValidateAsync(botFramework.Mint(Now, kid: LoopbackBotFramework.UnpublishedKid));

        AssertRefused(result, BotFrameworkAuthStatus.Unauthorized, "does not publish");
    }

    [Fact]
    public async Task Token_whose_kid_names_a_published_key_but_was_signed_by_another_is_refused()
    {
        var forged = botFramework.Mint(Now, kid: LoopbackBotFramework.UnpublishedKid);
        var header = Base64UrlEncoder.Encode($$"""{"alg":"RS256","kid":"{{LoopbackBotFramework.TeamsKid}}","typ":"JWT"}""");
        var swapped = header + forged[forged.IndexOf('.', StringComparison.Ordinal)..];

        AssertRefused(await ValidateAsync(swapped), BotFrameworkAuthStatus.Unauthorized, "signature");
    }

    [Fact]
    public async Task Key_not_endorsed_for_the_activitys_channel_is_forbidden()
    {
        var result = await ValidateAsync(botFramework.Mint(Now, kid: LoopbackBotFramework.SkypeOnlyKid));

        AssertRefused(result, BotFrameworkAuthStatus.Forbidden, "endorsed");
    }

    [Fact]
    public async Task Token_for_another_serviceUrl_is_forbidden()
    {
        var result = await ValidateAsync(botFramework.Mint(Now, serviceUrl: "https://smba.trafficmanager.net/amer/"));

        AssertRefused(result, BotFrameworkAuthStatus.Forbidden, "serviceurl");
    }

    [Fact]
    public async Task Token_without_a_serviceurl_claim_is_forbidden()
    {
        var result = await ValidateAsync(botFramework.Mint(Now, serviceUrl: null));

        AssertRefused(result, BotFrameworkAuthStatus.Forbidden, "serviceurl");
    }

    [Fact]
    public async Task Request_without_an_Authorization_header_is_refused()
    {
        var result = await Validator.ValidateAsync(null, LoopbackBotFramework.ServiceUrl, Teams, CancellationToken.None);

        AssertRefused(result, BotFrameworkAuthStatus.Unauthorized, "no Authorization header");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    public async Task Malformed_Authorization_header_is_refused(string header)
    {
        var result = await Validator.ValidateAsync(header, LoopbackBotFramework.ServiceUrl, Teams, CancellationToken.None);

        Assert.Equal(BotFrameworkAuthStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task Unsigned_token_is_refused()
    {
        var unsigned = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BotFrameworkTokenValidator.Issuer,
            Audience = LoopbackBotFramework.AppId,
            Expires = Now.AddHours(1).UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = LoopbackBotFramework.ServiceUrl },
        });

        AssertRefused(await ValidateAsync(unsigned), BotFrameworkAuthStatus.Unauthorized, "RS256");
    }

    [Fact]
    public async Task Without_an_AppId_every_request_is_refused()
    {
        await using var unconfigured = BuildServices(appId: null);
        var validator = unconfigured.GetRequiredService<BotFrameworkTokenValidator>();

        var result = await validator.ValidateAsync(
            "Bearer " + botFramework.Mint(Now), LoopbackBotFramework.ServiceUrl, Teams, CancellationToken.None);

        AssertRefused(result, BotFrameworkAuthStatus.Unauthorized, "AppId");
        Assert.Equal(0, botFramework.KeysRequests);
    }

    [Fact]
    public async Task Signing_keys_are_fetched_once_and_cached()
    {
        Assert.True((await ValidateAsync(botFramework.Mint(Now))).IsValid);
        Assert.True((await ValidateAsync(botFramework.Mint(Now))).IsValid);

        Assert.Equal(1, botFramework.MetadataRequests);
        Assert.Equal(1, botFramework.KeysRequests);
    }

    [Fact]
    public async Task Signing_keys_are_fetched_again_after_a_day()
    {
        Assert.True((await ValidateAsync(botFramework.Mint(Now))).IsValid);

        time.Advance(TimeSpan.FromHours(24));
        Assert.True((await ValidateAsync(botFramework.Mint(Now))).IsValid);

        Assert.Equal(2, botFramework.KeysRequests);
    }

    [Fact]
    public async Task Unknown_key_triggers_one_refresh_so_a_rotated_key_is_accepted()
    {
        Assert.True((await ValidateAsync(botFramework.Mint(Now))).IsValid);
        time.Advance(TimeSpan.FromMinutes(10));
        botFramework.Publish("rotated-key", Teams);

        var result = await ValidateAsync(botFramework.Mint(Now, kid: "rotated-key"));

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(2, botFramework.KeysRequests);
    }

    [Fact]
    public async Task Unknown_keys_do_not_refetch_the_key_set_on_every_request()
    {
        Assert.True((await ValidateAsync(botFramework.Mint(Now))).IsValid);

        for (var i = 0; i < 3; i++)
        {
            Assert.False((await ValidateAsync(botFramework.Mint(Now, kid: $"made-up-{i}"))).IsValid);
        }

        Assert.Equal(1, botFramework.KeysRequests);
    }

    [Fact]
    public async Task Unreachable_key_endpoint_makes_the_request_unavailable_rather_than_valid()
    {
        var options = Options.Create(new TeamsOptions
        {
            AppId = LoopbackBotFramework.AppId,
            OpenIdMetadataUrl = "http://127.0.0.1:1/v1/.well-known/openidconfiguration",
        });
        await using var plain = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var validator = new BotFrameworkTokenValidator(
            plain.GetRequiredService<IHttpClientFactory>(), options, time, NullLogger<BotFrameworkTokenValidator>.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await validator.ValidateAsync(
            "Bearer " + botFramework.Mint(Now), LoopbackBotFramework.ServiceUrl, Teams, timeout.Token);

        Assert.Equal(BotFrameworkAuthStatus.Unavailable, result.Status);
    }

    private Task<BotFrameworkAuthResult> ValidateAsync(string token) =>
        Validator.ValidateAsync("Bearer " + token, LoopbackBotFramework.ServiceUrl, Teams, CancellationToken.None);

    private static void AssertRefused(BotFrameworkAuthResult result, BotFrameworkAuthStatus status, string reasonPart)
    {
        Assert.Equal(status, result.Status);
        Assert.Contains(reasonPart, result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    private ServiceProvider BuildServices(string? appId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = appId,
            ["Teams:OpenIdMetadataUrl"] = botFramework.MetadataUrl,
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddTeamsInbound(configuration);
        return collection.BuildServiceProvider();
    }
}
