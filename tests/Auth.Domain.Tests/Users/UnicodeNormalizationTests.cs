using Auth.Domain.Users;

namespace Auth.Domain.Tests.Users;

/// <summary>NFC against the answers of Python's unicodedata (UAX #15), including the cases that trip simple implementations.</summary>
public sealed class UnicodeNormalizationTests
{
    [TestCase(new[] { 0x1100, 0x1161, 0x11A8 }, new[] { 0xAC01 }, TestName = "Hangul jamo compose into a syllable")]
    [TestCase(new[] { 0xAC00, 0x11A8 }, new[] { 0xAC01 }, TestName = "A trailing consonant joins an LV syllable")]
    [TestCase(new[] { 0x61, 0x307, 0x323 }, new[] { 0x1EA1, 0x307 }, TestName = "Marks are reordered by combining class before composing")]
    [TestCase(new[] { 0x958 }, new[] { 0x915, 0x93C }, TestName = "A composition exclusion stays decomposed")]
    [TestCase(new[] { 0x212B }, new[] { 0xC5 }, TestName = "A singleton maps to its canonical equivalent")]
    [TestCase(new[] { 0x65, 0x301, 0x301 }, new[] { 0xE9, 0x301 }, TestName = "A second mark of the same class is blocked")]
    [TestCase(new[] { 0x1E9B, 0x323 }, new[] { 0x1E9B, 0x323 }, TestName = "Long s with dot stays as it is")]
    [TestCase(new[] { 0x41, 0x30A, 0x301 }, new[] { 0x1FA }, TestName = "Two marks compose in turn")]
    [TestCase(new[] { 0xB47, 0x300, 0xB3E }, new[] { 0xB47, 0x300, 0xB3E }, TestName = "Starters do not compose across a mark")]
    [TestCase(new[] { 0xC5, 0x328 }, new[] { 0x104, 0x30A }, TestName = "A precomposed letter is taken apart to reorder")]
    public void Text_becomes_normalization_form_c(int[] input, int[] expected) =>
        Assert.That(UnicodeNormalization.ToFormC(Text(input)), Is.EqualTo(Text(expected)));

    [Test]
    public void Latin_1_text_is_returned_as_it_is()
    {
        const string text = "Ça va, Zoë? Ñandú!";

        Assert.That(UnicodeNormalization.ToFormC(text), Is.SameAs(text));
    }

    private static string Text(int[] points) => string.Concat(points.Select(char.ConvertFromUtf32));
}
