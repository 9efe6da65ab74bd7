using System.Collections.Concurrent;

namespace Postmortem.Slack.WebApi;

/// <summary><c>users.info</c>, remembered for <see cref="CacheFor"/> so a backfill asks once per person.</summary>
public sealed class SlackUsersApi(SlackApiTransport transport, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (SlackUser User, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    [SlackMethod(SlackMethods.UsersInfo)]
    public async Task<SlackUser> InfoAsync(string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(userId, out var cached) && cached.Expires > now)
        {
            return cached.User;
        }

        var response = await transport.PostFormAsync<SlackUserInfoResponse>(SlackMethods.UsersInfo, [new("user", userId)], ct)
            .ConfigureAwait(false);
        var user = response.User ?? throw new SlackApiException(SlackMethods.UsersInfo, "missing_user");
        _cache[userId] = (user, now + CacheFor);
        return user;
    }
}
