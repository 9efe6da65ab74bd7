using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Facilitation;
using Postmortem.Host.Processing;
using Postmortem.Storage;

namespace Postmortem.Host.Tests.Processing;

/// <summary>
/// The real <see cref="OutboxDispatcher"/> on a real SQLite store, without the facilitator: tests put actions in
/// the outbox themselves (through <see cref="IPostmortemStore.CommitAsync"/>) and script the platform's answers.
/// </summary>
public sealed class OutboxHarness : IAsyncDisposable
{
    public static readonly ChannelRef Channel = new(RecordingPlatform.Name, "t1", "c1");
    public static readonly ChannelRef OtherChannel = new(RecordingPlatform.Name, "t1", "c2");

    private readonly string _folder;
    private readonly ServiceProvider _services;
    private readonly OutboxDispatcher _dispatcher;
    private int _events;

    private OutboxHarness(ProcessingOptions options)
    {
        _folder = Path.Combine(Path.GetTempPath(), "pm-host-tests", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postmortem"] = $"Data Source={Path.Combine(_folder, "outbox.db")}",
            })
            .Build();
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddPostmortemStorage(configuration)
            .BuildServiceProvider();
        Store = _services.GetRequiredService<IPostmortemStore>();
        // The inbox processor is never started here: nothing in this harness's inbox is decided unless a test does so, so
        // delivery receipts stay in the inbox where tests read them.
        var processor = new InboxProcessor(Store, new Facilitator(Time), Signals, Options.Create(options), NullLogger<InboxProcessor>.Instance);
        _dispatcher = new OutboxDispatcher(
            Store, new EventIntake(Store, processor, Signals), [Platform], Signals, Time, Options.Create(options), NullLogger<OutboxDispatcher>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    public RecordingPlatform Platform { get; } = new();

    public ProcessingSignals Signals { get; } = new();

    public IPostmortemStore Store { get; }

    public static async Task<OutboxHarness> StartAsync(ProcessingOptions? options = null)
    {
        var harness = new OutboxHarness(options ?? new ProcessingOptions { PollInterval = TimeSpan.FromMilliseconds(50), RetryBaseDelay = TimeSpan.FromSeconds(10) });
        await harness.Store.MigrateAsync(CancellationToken.None);
        await harness._dispatcher.StartAsync(CancellationToken.None);
        return harness;
    }

    public static PostMessage Post(string key, ChannelRef? channel = null) =>
        new() { Key = key, Channel = channel ?? Channel, Content = new MessageContent($"text of {key}") };

    /// <summary>Commits the actions as the decision of one event, as the inbox processor would.</summary>
    public async Task EnqueueAsync(params ChatAction[] actions)
    {
        var eventId = $"e{Interlocked.Increment(ref _events)}";
        await Store.TryAddToInboxAsync(
            new MessagePosted
            {
                EventId = eventId,
                Channel = actions[0].Channel,
                OccurredAt = Time.GetUtcNow(),
                MessageId = eventId,
                Author = new ChatUser("u1", "u1"),
                Text = "x",
            },
            CancellationToken.None);
        var item = (await Store.PendingInboxAsync(100, CancellationToken.None)).Single(i => i.Event.EventId == eventId);
        await Store.CommitAsync(item, new Decision(null, [], actions), CancellationToken.None);
    }

    /// <summary>Waits until the dispatcher has finished a pass that started after now.</summary>
    public async Task DispatchAsync()
    {
        var version = Signals.Outbox.Poke();
        await Signals.Outbox.WhenCompletedAsync(version, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        await _dispatcher.StopAsync(CancellationToken.None);
        _dispatcher.Dispose();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }
}
