using System.Globalization;
using System.Xml.Linq;

namespace Luarm.Rules.Testing;

/// <summary>Rule test results as JUnit XML, which CI systems show per test: one suite per rule.</summary>
public static class JUnitReport
{
    public static XDocument Build(IEnumerable<RuleTestResult> results)
    {
        var suites = results.GroupBy(r => r.RuleId).Select(rule => new XElement("testsuite",
            new XAttribute("name", rule.Key),
            new XAttribute("tests", rule.Count()),
            new XAttribute("failures", rule.Count(r => !r.Passed)),
            new XAttribute("time", Seconds(rule.Aggregate(TimeSpan.Zero, (total, r) => total + r.Elapsed))),
            rule.Select(TestCase)));
        return new XDocument(new XElement("testsuites", suites));
    }

    public static void Write(string path, IEnumerable<RuleTestResult> results)
    {
        using var output = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        Build(results).Save(output);
    }

    private static XElement TestCase(RuleTestResult result)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", result.RuleId),
            new XAttribute("name", result.TestName),
            new XAttribute("file", result.Where.File),
            new XAttribute("line", result.Where.Line),
            new XAttribute("time", Seconds(result.Elapsed)));
        if (result.Failure is { } failure)
        {
            element.Add(new XElement("failure", new XAttribute("message", failure.Split('\n')[0]), failure));
        }
        return element;
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
