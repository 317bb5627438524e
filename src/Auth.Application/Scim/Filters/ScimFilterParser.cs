using System.Globalization;
using Auth.Application.Results;

namespace Auth.Application.Scim.Filters;

/// <summary>
/// Parses the <c>filter</c> of a SCIM query (RFC 7644 §3.4.2.2) into a <see cref="ScimFilter"/> tree.
/// Bad input is an <see cref="ErrorKind.Invalid"/> result (SCIM's <c>invalidFilter</c>), never an exception.
/// </summary>
/// <remarks>
/// Precedence (RFC 7644 §3.4.2.2): grouping, then <c>not</c>, then <c>and</c>, then <c>or</c>; and/or associate
/// to the left. Chains of and/or are read in loops; only groups — <c>( )</c>, <c>not ( )</c>, <c>[ ]</c> — recurse,
/// and they are counted against <see cref="ScimFilterLimits.MaxDepth"/>, so hostile input cannot overflow the stack.
/// Whether an attribute exists, is multi-valued, or supports an operator is left to the query translator.
/// </remarks>
public sealed class ScimFilterParser
{
    private readonly ScimFilterScanner _scanner;
    private int _comparisons;

    internal ScimFilterParser(ScimFilterScanner scanner) => _scanner = scanner;

    public static Result<ScimFilter> Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
            return Error.Invalid("The filter is empty.");
        if (filter.Length > ScimFilterLimits.MaxLength)
            return Error.Invalid(string.Create(
                CultureInfo.InvariantCulture, $"The filter is longer than the limit of {ScimFilterLimits.MaxLength} characters."));

        var scanner = new ScimFilterScanner(filter, "filter");
        var tree = new ScimFilterParser(scanner).ParseOr(depth: 0, insideValuePath: false);
        scanner.SkipWhitespace();
        if (tree is not null && !scanner.AtEnd)
            tree = scanner.Fail<ScimFilter>(scanner.IsAt(')') ? "Unmatched ')'" : "Expected 'and', 'or' or the end of the filter");
        return tree is null ? Error.Invalid(scanner.Error!) : tree;
    }

    /// <summary>Reads <c>"[" valFilter "]"</c> at the cursor; <paramref name="depth"/> is the number of groups already open.</summary>
    internal ScimFilter? ParseValueFilter(int depth)
    {
        var open = _scanner.Position;
        if (!EnterGroup(depth))
            return null;
        var inner = ParseOr(depth + 1, insideValuePath: true);
        return inner is not null && CloseGroup('[', ']', open) ? inner : null;
    }

    private ScimFilter? ParseOr(int depth, bool insideValuePath)
    {
        var left = ParseAnd(depth, insideValuePath);
        while (left is not null && TryConsumeKeyword("or"))
        {
            var right = ParseAnd(depth, insideValuePath);
            left = right is null ? null : new LogicalFilter(LogicalOperator.Or, left, right);
        }

        return left;
    }

    private ScimFilter? ParseAnd(int depth, bool insideValuePath)
    {
        var left = ParseOperand(depth, insideValuePath);
        while (left is not null && TryConsumeKeyword("and"))
        {
            var right = ParseOperand(depth, insideValuePath);
            left = right is null ? null : new LogicalFilter(LogicalOperator.And, left, right);
        }

        return left;
    }

    private ScimFilter? ParseOperand(int depth, bool insideValuePath)
    {
        _scanner.SkipWhitespace();
        if (_scanner.IsAt('('))
            return ParseGroup(depth, insideValuePath);

        var word = _scanner.PeekWord();
        if (word.Equals("not", StringComparison.OrdinalIgnoreCase))
        {
            _scanner.Advance(word.Length);
            _scanner.SkipWhitespace();

            // RFC 7644 §3.4.2.2: FILTER = ... / *1"not" "(" FILTER ")"; "not" negates a parenthesised group only.
            if (!_scanner.IsAt('('))
                return _scanner.Fail<ScimFilter>("Expected '(' after 'not'");
            var inner = ParseGroup(depth, insideValuePath);
            return inner is null ? null : new NotFilter(inner);
        }

        if (!_scanner.IsAtAttributeName() || word.Equals("and", StringComparison.OrdinalIgnoreCase)
            || word.Equals("or", StringComparison.OrdinalIgnoreCase))
            return _scanner.Fail<ScimFilter>("Expected an attribute name, '(' or 'not'");
        return ParseAttributeExpression(depth, insideValuePath);
    }

    private ScimFilter? ParseGroup(int depth, bool insideValuePath)
    {
        var open = _scanner.Position;
        if (!EnterGroup(depth))
            return null;
        var inner = ParseOr(depth + 1, insideValuePath);
        return inner is not null && CloseGroup('(', ')', open) ? inner : null;
    }

    private ScimFilter? ParseAttributeExpression(int depth, bool insideValuePath)
    {
        var start = _scanner.Position;
        var path = _scanner.ReadAttributePath();
        if (path is null)
            return null;
        if (!_scanner.IsAt('['))
            return ParseComparison(path, start);

        // RFC 7644 §3.4.2.2: valFilter has no valuePath, so brackets do not nest.
        if (insideValuePath)
            return _scanner.Fail<ScimFilter>("Value filters cannot be nested");
        if (path.SubAttribute is not null)
            return _scanner.Fail<ScimFilter>("A value filter applies to an attribute, not to a sub-attribute", start);
        var inner = ParseValueFilter(depth);
        if (inner is null)
            return null;
        if (!_scanner.TryConsume('.'))
            return new ValuePathFilter(path, inner);

        // Microsoft Entra ID sends emails[type eq "work"].value eq "x@example.com", which RFC 7644 §3.4.2.2 does not
        // define. It means "an email that is of type work and whose value is x@example.com", so it is read as
        // emails[type eq "work" and value eq "x@example.com"]: one tree shape for the translator.
        var subStart = _scanner.Position;
        var subAttribute = _scanner.ReadAttributeName();
        if (subAttribute is null)
            return null;
        var comparison = ParseComparison(new AttributePath(null, subAttribute), subStart);
        return comparison is null ? null : new ValuePathFilter(path, new LogicalFilter(LogicalOperator.And, inner, comparison));
    }

    // attrExp = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
    private ComparisonFilter? ParseComparison(AttributePath path, int start)
    {
        _scanner.SkipWhitespace();
        var word = _scanner.PeekWord();
        if (word.IsEmpty)
            return _scanner.Fail<ComparisonFilter>("Expected an operator such as 'eq' or 'pr'");
        if (!ComparisonOperatorKeyword.TryParse(word, out var comparison))
            return _scanner.Fail<ComparisonFilter>("Unknown operator");
        if (++_comparisons > ScimFilterLimits.MaxComparisons)
            return _scanner.Fail<ComparisonFilter>(
                string.Create(CultureInfo.InvariantCulture, $"More than the limit of {ScimFilterLimits.MaxComparisons} comparisons"), start);
        _scanner.Advance(word.Length);
        _scanner.SkipWhitespace();

        if (comparison == ComparisonOperator.Present)
        {
            return _scanner.IsAtValue()
                ? _scanner.Fail<ComparisonFilter>("The 'pr' operator takes no value")
                : new ComparisonFilter(path, comparison, null);
        }

        if (_scanner.AtEnd)
            return _scanner.Fail<ComparisonFilter>($"Expected a value after '{comparison.ToKeyword()}'");
        var value = _scanner.ReadValue();
        return value is null ? null : new ComparisonFilter(path, comparison, value);
    }

    private bool EnterGroup(int depth)
    {
        if (depth >= ScimFilterLimits.MaxDepth)
            return _scanner.Reject(string.Create(
                CultureInfo.InvariantCulture, $"Nesting deeper than the limit of {ScimFilterLimits.MaxDepth} levels"));
        _scanner.Advance(1);
        return true;
    }

    private bool CloseGroup(char open, char close, int openedAt)
    {
        _scanner.SkipWhitespace();
        if (_scanner.TryConsume(close))
            return true;
        return _scanner.AtEnd
            ? _scanner.Reject($"Missing '{close}' for the '{open}'", openedAt)
            : _scanner.Reject($"Expected 'and', 'or' or '{close}'");
    }

    private bool TryConsumeKeyword(string keyword)
    {
        _scanner.SkipWhitespace();
        var word = _scanner.PeekWord();
        if (!word.Equals(keyword, StringComparison.OrdinalIgnoreCase))
            return false;
        _scanner.Advance(word.Length);
        return true;
    }
}
