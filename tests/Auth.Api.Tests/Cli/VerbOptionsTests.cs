using System.CommandLine;
using Auth.Api.Cli;

namespace Auth.Api.Tests.Cli;

/// <summary>
/// How a list of URIs on the command line is read (<see cref="VerbOptions.UriList"/>): repeated, or separated by spaces
/// or by commas that begin another URI, never cut at a comma inside one.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class VerbOptionsTests
{
    [TestCase(new[] { "https://a.example/cb", "https://b.example/cb" }, new[] { "https://a.example/cb", "https://b.example/cb" })]
    [TestCase(new[] { "https://a.example/cb,https://b.example/cb" }, new[] { "https://a.example/cb", "https://b.example/cb" })]
    [TestCase(new[] { "https://a.example/cb https://b.example/cb" }, new[] { "https://a.example/cb", "https://b.example/cb" })]
    [TestCase(new[] { "https://a.example/cb, https://b.example/cb" }, new[] { "https://a.example/cb", "https://b.example/cb" })]
    [TestCase(new[] { "https://a.example/ro.jwt?set=a,b" }, new[] { "https://a.example/ro.jwt?set=a,b" })]
    [TestCase(new[] { "https://a.example/cb?x=1,2,com.example.app:/cb" }, new[] { "https://a.example/cb?x=1,2", "com.example.app:/cb" })]
    public void A_uri_list_splits_between_uris_and_keeps_a_comma_inside_one(string[] values, string[] expected)
    {
        var option = VerbOptions.UriList("--redirect-uri", "URI", "A redirect URI.");
        var command = new RootCommand { option };

        var parsed = command.Parse([.. values.SelectMany(value => new[] { "--redirect-uri", value })]);

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Errors, Is.Empty);
            Assert.That(parsed.GetValue(option), Is.EqualTo(expected));
        });
    }
}
