namespace Postmortem.Host.Tests.Teams;

/// <summary>A Teams user as activities name them: the bot-scoped id (<c>29:…</c>), display name and Entra object id.</summary>
public sealed record TeamsPerson(string Id, string Name, string AadObjectId)
{
    public static readonly TeamsPerson Alice = new("29:1aliceQx0pT7uVwYz3kL9mN2bC4dE6fG8hJ", "Alice Example", "a11ce000-0000-4000-8000-000000000001");
    public static readonly TeamsPerson Bob = new("29:1bobR5sT7uVwYz3kL9mN2bC4dE6fG8hJkLm", "Bob", "b0b00000-0000-4000-8000-000000000002");
    public static readonly TeamsPerson Carol = new("29:1carolW2xY4zA6bC8dE0fG2hJ4kL6mN8pQ", "Carol Example", "ca401000-0000-4000-8000-000000000003");
}
