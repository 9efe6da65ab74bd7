using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Host.Processing;
using Postmortem.Storage;

namespace Postmortem.Host.Tests.Infrastructure;

/// <summary>
/// Runs the real host (WebApplicationFactory) on a SQLite file in a private temp folder, with a fake clock.
/// <see cref="RestartAsync"/> stops it and starts a new one on the same data, like a process restart.
/// </summary>
public sealed class HostFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;
    private Factory? _factory;

    private HostFixture(IReadOnlyDictionary<string, string?>? settings)
    {
        Folder = Path.Combine(Path.GetTempPath(), "pm-host-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Postmortem"] = $"Data Source={DatabaseFile}",
            ["Playground:Enabled"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Folder { get; }

    public string DatabaseFile => Path.Combine(Folder, "postmortem.db");

    /// <summary>The clock every part of the host uses; it moves only when a test advances it.</summary>
    public FakeTimeProvider Time { get; } = new(Start);

    public IServiceProvider Services => (_factory ?? throw new InvalidOperationException("the host is stopped")).Services;

    public IPostmortemStore Store => Services.GetRequiredService<IPostmortemStore>();

    /// <summary>Starts a host; <paramref name="settings"/> override or remove (null value) the defaults.</summary>
    public static async Task<HostFixture> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var fixture = new HostFixture(settings);
        await fixture.StartHostAsync();
        return fixture;
    }

    /// <summary>
    /// Waits (bounded by <paramref name="timeout"/> of real time) until every event so far is decided and every due
    /// action delivered. The platform adapters space out their posts on the host's fake clock, so while the pipeline
    /// is busy the clock is moved on a second every <paramref name="tick"/>.
    /// </summary>
    public async Task WaitUntilIdleAdvancingClockAsync(TimeSpan timeout, TimeSpan tick)
    {
        var signals = Services.GetRequiredService<ProcessingSignals>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var idle = signals.WaitUntilIdleAsync(CancellationToken.None);
        while (await Task.WhenAny(idle, Task.Delay(tick)) != idle)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"the host was not idle within {timeout}");
            }

            Time.Advance(TimeSpan.FromSeconds(1));
        }

        await idle;
    }

    public HttpClient CreateClient() =>
        (_factory ?? throw new InvalidOperationException("the host is stopped")).CreateClient();

    public PlaygroundClient Playground() => new(CreateClient(), Services.GetRequiredService<ProcessingSignals>());

    public async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
            SqliteConnection.ClearAllPools();
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartHostAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned up by the OS.
        }
    }

    private Task StartHostAsync()
    {
        _factory = new Factory(_settings, Time);
        _ = _factory.Server;
        return Task.CompletedTask;
    }

    private sealed class Factory(Dictionary<string, string?> settings, TimeProvider time) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }
}
