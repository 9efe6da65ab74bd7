using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Postmortem.Core.Language;
using Xunit.Abstractions;

namespace Postmortem.Core.Tests.Language;

public sealed class TmpPerfTests(ITestOutputHelper output)
{
    [Fact]
    public void Tmp_perf()
    {
        var lines = LabelledTable.Read("key-moments.tsv").Select(r => r.Fields[2]).ToArray();
        var chatter = new[] { "ok", "on it", "looking at the graphs now", "thanks!", "brb", "anyone have the runbook?" };
        foreach (var set in new[] { lines, chatter })
        {
            for (var i = 0; i < 200; i++) foreach (var l in set) KeyMomentDetector.Detect(l, false);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 1000; i++) foreach (var l in set) KeyMomentDetector.Detect(l, false);
            output.WriteLine($"Detect: {sw.Elapsed.TotalMicroseconds / (1000.0 * set.Length):0.00} us/line wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / (1000.0 * set.Length):0.00} cpu");
        }
        var slow = new List<(double, string)>();
        foreach (var l in lines)
        {
            var sw2 = Stopwatch.StartNew();
            for (var i = 0; i < 2000; i++) KeyMomentDetector.Detect(l, false);
            slow.Add((sw2.Elapsed.TotalMicroseconds / 2000, l));
        }
        foreach (var (us, l) in slow.OrderByDescending(x => x.Item1).Take(12)) output.WriteLine($"{us:0.00} us/line {l}");
        foreach (var part in Array.Empty<string>())
        {
            var rx = new Regex(part, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
            for (var i = 0; i < 100; i++) foreach (var l in lines) rx.IsMatch(l);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 300; i++) foreach (var l in lines) rx.IsMatch(l);
            output.WriteLine($"{part[..Math.Min(40, part.Length)]}: {sw.Elapsed.TotalMicroseconds / (300.0 * lines.Length):0.00} us/line");
        }
        foreach (var method in typeof(KeyMomentPatterns).GetMethods(BindingFlags.NonPublic | BindingFlags.Static).Where(m => m.ReturnType == typeof(Regex)))
        {
            var rx = (Regex)method.Invoke(null, null)!;
            for (var i = 0; i < 100; i++) foreach (var l in lines) rx.IsMatch(l);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 300; i++) foreach (var l in lines) rx.IsMatch(l);
            output.WriteLine($"{method.Name}: {sw.Elapsed.TotalMicroseconds / (300.0 * lines.Length):0.00} us/line");
        }
    }
}
