namespace Postmortem.Slack.WebApi;

/// <summary>Names the Web API method(s) (<see cref="SlackMethods"/>) a client method calls.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SlackMethodAttribute(params string[] methods) : Attribute
{
    public IReadOnlyList<string> Methods { get; } = methods;
}
