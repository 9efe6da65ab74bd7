namespace Postmortem.Host.Capture;

public static class CaptureServiceCollectionExtensions
{
    /// <summary>Capture options and the hourly retention job.</summary>
    public static IServiceCollection AddCapture(this IServiceCollection services)
    {
        services.AddOptions<CaptureOptions>()
            .BindConfiguration(CaptureOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        return services;
    }
}
