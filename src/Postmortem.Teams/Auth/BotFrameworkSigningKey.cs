using Microsoft.IdentityModel.Tokens;

namespace Postmortem.Teams.Auth;

/// <summary>One key of the Bot Framework's JWKS with the channels (e.g. "msteams") it is endorsed for.</summary>
internal sealed record BotFrameworkSigningKey(JsonWebKey Key, IReadOnlyList<string> Endorsements);
