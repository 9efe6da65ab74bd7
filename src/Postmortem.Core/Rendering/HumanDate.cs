namespace Postmortem.Core.Rendering;

/// <summary>Dates and times as people read them: <c>2026-11-27 (Fri)</c>, <c>14:05 UTC</c>, <c>1h 25m</c>.</summary>
public static class HumanDate
{
    public static string Date(DateOnly date) => $"{date:yyyy-MM-dd} ({date.DayOfWeek.ToString()[..3]})";
}
