using Auth.Domain.Users;

namespace Auth.Domain.Tests.Users;

/// <summary>Names that look alike are one name: width-mapped, NFC, other spaces as U+0020; invisible characters are refused.</summary>
public sealed class UserNameRuleTests
{
    private const string ComposedJose = "jos\u00e9";
    private const string DecomposedJose = "jose\u0301";

    [Test]
    public void Composed_and_decomposed_spellings_are_the_same_name_stored_composed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(UserNameRule.Canonical(DecomposedJose), Is.EqualTo(ComposedJose));
            Assert.That(UserNameRule.ComparisonKey(DecomposedJose), Is.EqualTo(UserNameRule.ComparisonKey(ComposedJose)));
            Assert.That(UserNameRule.ComparisonKey("JOS\u00c9"), Is.EqualTo(UserNameRule.ComparisonKey(DecomposedJose)), "case is ignored when comparing");
        });
    }

    [TestCase("\uff4a\uff4f\uff53\u00e9", ComposedJose, TestName = "Fullwidth letters")]
    [TestCase("\uff21\uff4c\uff49\uff43\uff45\uff20\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45\uff0e\uff43\uff4f\uff4d", "Alice@example.com", TestName = "Fullwidth letters and symbols")]
    [TestCase("\uff76\uff9e\uff72", "\u30ac\u30a4", TestName = "Halfwidth katakana with a voiced mark composes")]
    [TestCase("\uffe1100", "\u00a3100", TestName = "Fullwidth pound sign")]
    public void Fullwidth_and_halfwidth_forms_map_to_their_decompositions(string written, string canonical) =>
        Assert.That(UserNameRule.Canonical(written), Is.EqualTo(canonical));

    [TestCase("jane\u00a0doe")]
    [TestCase("jane\u3000doe")]
    [TestCase("jane\u2003doe")]
    [TestCase("  jane doe\u3000")]
    public void Other_spaces_become_a_plain_space_and_surrounding_ones_go(string written) =>
        Assert.That(UserNameRule.Canonical(written), Is.EqualTo("jane doe"));

    [Test]
    public void Case_is_kept_as_given() =>
        Assert.That(UserNameRule.Canonical("Alice.Example"), Is.EqualTo("Alice.Example"));

    [TestCase("jos\u200be", TestName = "Zero-width space")]
    [TestCase("jos\u200de", TestName = "Zero-width joiner")]
    [TestCase("\ufeffjose", TestName = "Byte order mark")]
    [TestCase("jose\u202egnp.exe", TestName = "Right-to-left override")]
    [TestCase("jose\u2066x\u2069", TestName = "Bidirectional isolates")]
    [TestCase("jose\u200f", TestName = "Right-to-left mark")]
    [TestCase("jo\u00adse", TestName = "Soft hyphen")]
    [TestCase("jose\u034f", TestName = "Combining grapheme joiner")]
    [TestCase("jose\ufe0f", TestName = "Variation selector")]
    [TestCase("jose\u3164", TestName = "Hangul filler")]
    [TestCase("jose\uffa0", TestName = "Halfwidth Hangul filler")]
    [TestCase("jose\U000e0041", TestName = "Tag character")]
    [TestCase("jose\u0000", TestName = "NUL")]
    [TestCase("jo\tse", TestName = "Tab")]
    [TestCase("jose\u0085", TestName = "C1 control")]
    [TestCase("jose\u2028", TestName = "Line separator")]
    [TestCase("", TestName = "Empty")]
    [TestCase(" \u3000\u00a0", TestName = "Only spaces")]
    public void Invisible_control_and_broken_characters_are_refused(string userName) =>
        Assert.That(UserNameRule.Problem(userName), Is.Not.Null);

    [TestCase("\U0001d41a\U0001d41d\U0001d426\U0001d422\U0001d427", TestName = "Mathematical bold letters")]
    [TestCase("\u210cal", TestName = "Black-letter capital H")]
    [TestCase("\ufb01nance", TestName = "Ligature fi")]
    [TestCase("user\u00b2", TestName = "Superscript two")]
    [TestCase("\u2460admin", TestName = "Circled digit")]
    [TestCase("\u338f", TestName = "Squared kg")]
    public void Compatibility_characters_that_look_like_plain_letters_are_refused(string userName) =>
        Assert.That(UserNameRule.Problem(userName), Does.Contain("compatibility"));

    [TestCase("alice")]
    [TestCase("alice.example@example.com")]
    [TestCase(ComposedJose)]
    [TestCase(DecomposedJose)]
    [TestCase("DOMAIN\\jane doe")]
    [TestCase("\u0645\u062d\u0645\u062f")]
    [TestCase("\u5f20\u4f1f")]
    [TestCase("\ud83d\ude00-fan")]
    public void Ordinary_names_in_any_script_are_accepted(string userName) =>
        Assert.That(UserNameRule.Problem(userName), Is.Null);

    [Test]
    public void Unpaired_surrogates_are_refused()
    {
        Assert.That(UserNameRule.Problem("jose" + '\ud800'), Does.Contain("surrogate"));
        Assert.That(UserNameRule.Problem('\udc00' + "jose"), Does.Contain("surrogate"));
    }

    [Test]
    public void The_problem_names_the_code_point() =>
        Assert.That(UserNameRule.Problem("jos\u200be"), Does.Contain("U+200B"));

    [Test]
    public void Comparison_keys_never_throw_even_for_names_that_are_refused() =>
        Assert.That(UserNameRule.ComparisonKey("a" + '\ud800' + "b\u200b"), Is.EqualTo("A\ufffdB\u200b"));
}
