using Postmortem.Core.Facilitation;

namespace Postmortem.Host.Processing;

public static class ProcessingServiceCollectionExtensions
{
    /// <summary>The facilitator, the inbox processor and the outbox dispatcher.</summary>
    public static IServiceCollection AddProcessing(this IServiceCollection services)
    {
        services.AddOptions<ProcessingOptions>()
            .BindConfiguration(ProcessingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ProcessingSignals>();
        services.AddSingleton(sp => new Facilitator(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<InboxProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxProcessor>());
        services.AddSingleton<EventIntake>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
