using System.Reflection;
using System.Text.Json.Serialization;
using Postmortem.Slack.WebApi;

namespace Postmortem.Slack.Tests.WebApi;

/// <summary>Checks every Web API family and response record the same way.</summary>
public sealed class SlackWebApiLintTests
{
    private static readonly Type[] Families = typeof(SlackWebApi).GetProperties().Select(p => p.PropertyType).ToArray();

    private static readonly HashSet<string> KnownMethods = typeof(SlackMethods)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> PublicMethods()
    {
        var data = new TheoryData<string>();
        foreach (var method in Families.SelectMany(f => f.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            data.Add($"{method.DeclaringType!.Name}.{method.Name}");
        }

        return data;
    }

    [Fact]
    public void Every_family_is_a_sealed_class_named_for_slack()
    {
        Assert.Equal(6, Families.Length);
        Assert.All(Families, f =>
        {
            Assert.True(f.IsSealed, f.Name);
            Assert.Matches("^Slack[A-Z][a-z]+Api$", f.Name);
        });
    }

    [Theory]
    [MemberData(nameof(PublicMethods))]
    public void Every_family_method_is_async_takes_a_token_last_and_names_its_slack_method(string name)
    {
        var method = Families
            .SelectMany(f => f.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Single(m => $"{m.DeclaringType!.Name}.{m.Name}" == name);

        Assert.EndsWith("Async", method.Name, StringComparison.Ordinal);
        var returns = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericTypeDefinition() : method.ReturnType;
        Assert.Contains(returns, new[] { typeof(Task<>), typeof(IAsyncEnumerable<>) });
        var parameters = method.GetParameters();
        Assert.Equal(typeof(CancellationToken), parameters[^1].ParameterType);
        Assert.False(parameters[^1].HasDefaultValue, "the token must be passed explicitly");
        var attribute = method.GetCustomAttribute<SlackMethodAttribute>();
        Assert.NotNull(attribute);
        Assert.NotEmpty(attribute.Methods);
        Assert.All(attribute.Methods, m => Assert.Contains(m, KnownMethods));
    }

    [Fact]
    public void Every_method_name_constant_is_used_by_a_family()
    {
        var used = Families
            .SelectMany(f => f.GetMethods())
            .SelectMany(m => m.GetCustomAttribute<SlackMethodAttribute>()?.Methods ?? [])
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(KnownMethods.Except(used));
    }

    [Fact]
    public void Every_response_record_keeps_unknown_fields()
    {
        var responses = typeof(SlackApiResponse).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SlackApiResponse)))
            .ToList();

        Assert.NotEmpty(responses);
        foreach (var type in responses.Append(typeof(SlackApiResponse)))
        {
            Assert.True(
                type.GetProperties().Any(p => p.GetCustomAttribute<JsonExtensionDataAttribute>() is not null),
                $"{type.Name} drops unknown fields");
        }
    }
}
