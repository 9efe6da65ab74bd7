namespace Postmortem.Slack.BlockKit;

/// <summary>Slack's published Block Kit limits that the renderers respect.</summary>
public static class SlackLimits
{
    public const int BlocksPerMessage = 50;
    public const int SectionText = 3000;
    public const int FieldsPerSection = 10;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ActionId = 255;
    public const int ElementsPerActions = 25;
    public const int ElementsPerContext = 10;

    /// <summary>Our cap for the notification fallback <c>text</c> when blocks carry the full content.</summary>
    public const int FallbackText = 3000;
}
