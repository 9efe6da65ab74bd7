namespace Postmortem.Core.Actions;

/// <summary>The action ids of the buttons the bot renders.</summary>
public static class ButtonIds
{
    public const string ConfirmItem = "item.confirm";
    public const string DeclineItem = "item.decline";
    public const string Render = "postmortem.render";
}
