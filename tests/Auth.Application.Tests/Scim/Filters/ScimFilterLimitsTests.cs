using Auth.Application.Scim.Filters;

namespace Auth.Application.Tests.Scim.Filters;

/// <summary>Hostile filters are refused with an error, not by a stack overflow that would end the process.</summary>
public sealed class ScimFilterLimitsTests
{
    [Test]
    public void Thousand_nested_parentheses_are_refused_at_the_depth_limit() =>
        Assert.That(ErrorOf(new string('(', 1000) + "a pr" + new string(')', 1000)), Does.Contain("limit of 32 levels"));

    [Test]
    public void Five_hundred_nested_nots_are_refused_at_the_depth_limit() =>
        Assert.That(ErrorOf(string.Concat(Enumerable.Repeat("not(", 500)) + "a pr" + new string(')', 500)), Does.Contain("limit of 32 levels"));

    [Test]
    public void Thirty_two_levels_of_groups_parse() =>
        Assert.That(Parsed(Nested(31) + "emails[type pr]" + new string(')', 31)), Is.Not.Null);

    [Test]
    public void Thirty_three_levels_of_groups_are_refused() =>
        Assert.That(ErrorOf(Nested(32) + "emails[type pr]" + new string(')', 32)), Does.Contain("limit of 32 levels"));

    [Test]
    public void A_hundred_thousand_term_or_chain_is_refused() =>
        Assert.That(ErrorOf(string.Join(" or ", Enumerable.Range(0, 100_000).Select(i => $"a{i} pr"))), Does.Contain("limit of 4096 characters"));

    [Test]
    public void A_filter_longer_than_the_limit_is_refused() =>
        Assert.That(ErrorOf("userName eq \"" + new string('a', 5000 - 14) + "\""), Does.Contain("limit of 4096 characters"));

    [Test]
    public void A_filter_exactly_at_the_length_limit_parses()
    {
        var filter = "userName eq \"" + new string('a', ScimFilterLimits.MaxLength - 14) + "\"";

        Assert.That(filter, Has.Length.EqualTo(ScimFilterLimits.MaxLength));
        Assert.That(Parsed(filter), Is.InstanceOf<ComparisonFilter>());
    }

    [Test]
    public void A_hundred_comparisons_parse() =>
        Assert.That(Parsed(Chain(100)).ToString(), Does.StartWith("((((("));

    [Test]
    public void A_hundred_and_one_comparisons_are_refused() =>
        Assert.That(ErrorOf(Chain(101)), Does.Contain("limit of 100 comparisons"));

    [Test]
    public void The_entra_comparison_counts_towards_the_limit() =>
        Assert.That(ErrorOf(Chain(99) + " or emails[type pr].value pr"), Does.Contain("limit of 100 comparisons"));

    private static ScimFilter Parsed(string filter)
    {
        var result = ScimFilterParser.Parse(filter);
        Assert.That(result.Succeeded, Is.True, () => result.Error?.Description ?? string.Empty);
        return result.Value!;
    }

    private static string ErrorOf(string filter)
    {
        var result = ScimFilterParser.Parse(filter);
        Assert.That(result.Succeeded, Is.False, () => $"parsed as {result.Value}");
        return result.Error!.Description;
    }

    // Opens `levels` groups: levels - 1 parentheses and one "not (".
    private static string Nested(int levels) => string.Concat(Enumerable.Repeat("(", levels - 1)) + "not (";

    private static string Chain(int terms) => string.Join(" or ", Enumerable.Range(0, terms).Select(i => $"a{i} pr"));
}
