namespace Postmortem.Storage;

/// <summary>What <see cref="IPostmortemStore.AcceptAsync"/> did with an event; every outcome but <see cref="Duplicate"/> is durable.</summary>
public enum InboxAcceptance
{
    /// <summary>The (platform, tenant, event id) was already in the inbox: nothing was stored.</summary>
    Duplicate,

    /// <summary>Stored and decided in the same transaction.</summary>
    Decided,

    /// <summary>Stored only: older items were still waiting (or deciding failed), so the processor decides it in order.</summary>
    Queued,
}
