namespace Postmortem.Core.Events;

/// <summary>What a reaction means to the bot; adapters map their emoji names or reaction types onto it.</summary>
public enum ReactionKind
{
    Other,
    /// <summary>✅ (Teams: also "like").</summary>
    Confirm,
    /// <summary>❌.</summary>
    Decline,
    /// <summary>📌, or a pin.</summary>
    Highlight,
}
