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
        var methods = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            methods.UnionWith(TestMethod().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value));
        }

        var cited = Backticked().Matches(File.ReadAllText(Path.Combine(Repository.Root, "docs", "security.md")))
            .Select(m => m.Groups[1].Value)
            .Select(token => QualifiedTestName().Match(token) is { Success: true } qualified ? qualified.Groups[1].Value
                : BareTestName().IsMatch(token) ? token
                : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(cited, Has.Count.GreaterThan(300), "the rules cite their tests by name");
            Assert.That(cited.Where(name => !methods.Contains(name)).Order(StringComparer.Ordinal), Is.Empty);
        });
    }

    [GeneratedRegex(@"public (?:async )?(?:Task|ValueTask|void) ([A-Z][A-Za-z0-9_]*)\(")]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"`([^`\s]+)`")]
    private static partial Regex Backticked();

    /// <summary><c>ClassTests.Method_name_of_words</c>.</summary>
    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*\.([A-Z][A-Za-z0-9]*_[A-Za-z0-9_]+)$")]
    private static partial Regex QualifiedTestName();

    /// <summary><c>Method_name_of_words</c>: three words at least, so that a setting or a constant is not taken for one.</summary>
    [GeneratedRegex(@"^[A-Z][a-z0-9]*(?:_[A-Za-z0-9]+){2,}$")]
    private static partial Regex BareTestName();
}
