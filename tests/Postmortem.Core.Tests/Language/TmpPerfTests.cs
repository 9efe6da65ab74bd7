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
        foreach (var method in typeof(KeyMomentDetector).GetMethods(BindingFlags.NonPublic | BindingFlags.Static).Where(m => m.ReturnType == typeof(Regex)))
        {
            var rx = (Regex)method.Invoke(null, null)!;
            foreach (var l in lines) rx.IsMatch(l);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 300; i++) foreach (var l in lines) rx.IsMatch(l);
            output.WriteLine($"{method.Name}: {sw.Elapsed.TotalMicroseconds / (300.0 * lines.Length):0.00} us/line");
        }
    }
}
