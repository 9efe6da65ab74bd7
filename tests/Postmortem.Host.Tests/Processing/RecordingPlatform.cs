using Postmortem.Core.Actions;
using Postmortem.Host.Processing;

namespace Postmortem.Host.Tests.Processing;

/// <summary>A hand-written platform for dispatcher tests: records each attempt and answers as the test scripts it.</summary>
public sealed class RecordingPlatform : IChatPlatform
{
    private readonly Lock _gate = new();
    private readonly List<(string Key, int Attempt)> _attempts = [];

    public const string Name = "test";

    public string Platform => Name;

    /// <summary>Decides each attempt's result; by default every action is delivered as message <c>msg-{key}</c>.</summary>
    public Func<ChatAction, int, DeliveryResult> Answer { get; set; } = (action, _) => DeliveryResult.Delivered($"msg-{action.Key}");

    public IReadOnlyList<(string Key, int Attempt)> Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts.ToList();
            }
        }
    }

    public IReadOnlyList<string> Delivered { get; private set; } = [];

    public Task<DeliveryResult> DeliverAsync(ChatAction action, DeliveryContext context, CancellationToken cancellationToken)
    {
        var result = Answer(action, context.Attempt);
        lock (_gate)
        {
            _attempts.Add((action.Key, context.Attempt));
            if (result.Succeeded)
            {
                Delivered = [.. Delivered, action.Key];
            }
        }

        return Task.FromResult(result);
    }
}
