namespace Postmortem.Slack.Tests.WebApi;

/// <summary>Bounds a test's walk over an async sequence.</summary>
internal static class AsyncEnumerableTimeout
{
    public static async IAsyncEnumerable<T> WithTimeout<T>(this IAsyncEnumerable<T> source)
    {
        using var timeout = new CancellationTokenSource(FakeSlackApi.Timeout);
        await foreach (var item in source.WithCancellation(timeout.Token))
        {
            yield return item;
        }
    }
}
