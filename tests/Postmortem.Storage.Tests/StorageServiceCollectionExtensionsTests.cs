using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Postmortem.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pm-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Registers_one_SQLite_store_on_the_configured_file_and_creates_its_folder()
    {
        var path = Path.Combine(_folder, "data", "pm.db");
        var services = new ServiceCollection().AddPostmortemStorage(Configuration(new()
        {
            ["ConnectionStrings:Postmortem"] = $"Data Source={path}",
        }));

        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IPostmortemStore>();

        Assert.True(Directory.Exists(Path.GetDirectoryName(path)));
        Assert.Same(store, provider.GetRequiredService<IPostmortemStore>());
        await store.MigrateAsync(CancellationToken.None);
        Assert.True(File.Exists(path));
        Assert.True(await store.CanConnectAsync(CancellationToken.None));
        Assert.Equal("Sqlite", provider.GetRequiredService<StorageOptions>().Provider);
        SqliteConnection.ClearPool(new SqliteConnection(((SqlitePostmortemStore)store).ConnectionString));
    }

    [Fact]
    public void Defaults_to_a_SQLite_file_under_data()
    {
        var options = new StorageOptions();

        Assert.Equal("Sqlite", options.Provider);
        Assert.Equal("Data Source=./data/postmortem.db", options.ConnectionString);
    }

    [Fact]
    public void Storage_section_connection_string_is_used_when_no_named_one_is_set()
    {
        var path = Path.Combine(_folder, "section", "pm.db");
        var services = new ServiceCollection().AddPostmortemStorage(Configuration(new()
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:ConnectionString"] = $"Data Source={path}",
        }));

        using var provider = services.BuildServiceProvider();

        Assert.Equal($"Data Source={path}", provider.GetRequiredService<StorageOptions>().ConnectionString);
        Assert.True(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void Unknown_provider_is_refused_at_start()
    {
        var configuration = Configuration(new() { ["Storage:Provider"] = "Oracle" });

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPostmortemStorage(configuration));

        Assert.Contains("Oracle", error.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
