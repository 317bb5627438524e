using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Docs;

/// <summary>
/// docs/security.md names, for each rule, the tests that try to break it: every test it names is one the test
/// projects hold, so a renamed or removed test cannot leave a rule citing a test that no longer runs.
/// </summary>
public sealed partial class SecurityRuleTestNamesTests
{
    [Test]
    public void Every_test_docs_security_names_is_a_test_of_the_test_projects()
    {
        // Each method under the class declared last before it: "Class.Method" for citations that name the class.
        var methods = new HashSet<string>(StringComparer.Ordinal);
        var qualified = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles(Path.Combine(Repository.Root, "tests")))
        {
            var text = File.ReadAllText(file);
            string? type = null;
            foreach (var match in TypeOrTestMethod().Matches(text).Cast<Match>())
            {
                if (match.Groups["type"].Success)
                {
                    type = match.Groups["type"].Value;
                    continue;
                }

                methods.Add(match.Groups["method"].Value);
                qualified.Add($"{type}.{match.Groups["method"].Value}");
            }
        }

        var cited = Backticked().Matches(File.ReadAllText(Path.Combine(Repository.Root, "docs", "security.md")))
            .Select(m => m.Groups[1].Value)
            .Where(token => QualifiedTestName().IsMatch(token) || BareTestName().IsMatch(token))
            .ToHashSet(StringComparer.Ordinal);
        var missing = cited.Where(name => !(name.Contains('.', StringComparison.Ordinal) ? qualified : methods).Contains(name)).Order(StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(cited, Has.Count.GreaterThan(300), "the rules cite their tests by name");
            Assert.That(missing, Is.Empty);
        });
    }

    /// <summary>The C# files of the test projects, not what builds or npm put beside them.</summary>
    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(file => !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"));

    [GeneratedRegex(@"(?:class|record) (?<type>[A-Z][A-Za-z0-9_]*)|public (?:async )?(?:Task|ValueTask|void) (?<method>[A-Z][A-Za-z0-9_]*)\(")]
    private static partial Regex TypeOrTestMethod();

    [GeneratedRegex(@"`([^`\s]+)`")]
    private static partial Regex Backticked();

    /// <summary><c>ClassTests.Method_name_of_words</c>.</summary>
    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*_[A-Za-z0-9_]+$")]
    private static partial Regex QualifiedTestName();

    /// <summary><c>Method_name_of_words</c>: three words at least, so that a setting or a constant is not taken for one.</summary>
    [GeneratedRegex(@"^[A-Z][a-z0-9]*(?:_[A-Za-z0-9]+){2,}$")]
    private static partial Regex BareTestName();
}
