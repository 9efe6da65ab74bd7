namespace Postmortem.Core.Whys;

/// <summary>Whether a chain's conclusion set the incident off or was already true and let it do harm.</summary>
public enum CauseKind
{
    Trigger,
    Latent,
}
