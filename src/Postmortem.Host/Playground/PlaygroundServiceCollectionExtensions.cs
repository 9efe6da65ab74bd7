using Microsoft.Extensions.Options;
using Postmortem.Host.Persistence;
using Postmortem.Host.Processing;
using Postmortem.Storage;

namespace Postmortem.Host.Playground;

public static class PlaygroundServiceCollectionExtensions
{
    /// <summary>The playground channel and its <see cref="IChatPlatform"/> (cheap: nothing is read until it is used).</summary>
    public static IServiceCollection AddPlayground(this IServiceCollection services)
    {
        services.AddOptions<PlaygroundOptions>().BindConfiguration(PlaygroundOptions.Section).ValidateOnStart();
        services.AddSingleton(sp => new PlaygroundChannel(
            DataFile(sp.GetRequiredService<IOptions<PlaygroundOptions>>().Value, sp.GetRequiredService<IConfiguration>()),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IChatPlatform, PlaygroundPlatform>();
        services.AddSingleton<PlaygroundInbox>();
        return services;
    }

    /// <summary>Serves the page at <c>/</c> and the API under <c>/playground/api</c> when the playground is on.</summary>
    public static WebApplication MapPlayground(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PlaygroundOptions>>().Value;
        if (!IsEnabled(options, app.Configuration))
        {
            return app;
        }

        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapPlaygroundApi();
        return app;
    }

    /// <summary>On when forced by <c>Playground:Enabled</c>, else when neither Slack nor Teams is configured.</summary>
    public static bool IsEnabled(PlaygroundOptions options, IConfiguration configuration) =>
        options.Enabled ?? !new[] { "Slack:SigningSecret", "Slack:BotToken", "Slack:AppToken", "Teams:AppId" }
            .Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    private static string DataFile(PlaygroundOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.DataFile))
        {
            return options.DataFile;
        }

        return Path.Combine(DataFolder.Resolve(configuration), "playground.json");
    }
}
