using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Scim;

/// <summary>
/// totalResults (RFC 7644 §3.4.2.4) is the number of matches whichever page is asked for: a page shorter than count
/// shows the total without the count query, every other page counts.
/// </summary>
public sealed class ScimListTotalTests(StoreKind store) : ScimTest(store)
{
    [TestCase(1, 10, 3, TestName = "{m}(one short page)")]
    [TestCase(1, 3, 3, TestName = "{m}(one full page)")]
    [TestCase(1, 2, 2, TestName = "{m}(a full first page)")]
    [TestCase(3, 2, 1, TestName = "{m}(a short last page)")]
    [TestCase(4, 2, 0, TestName = "{m}(a page just past the end)")]
    [TestCase(10, 5, 0, TestName = "{m}(a page far past the end)")]
    [TestCase(1, 0, 0, TestName = "{m}(count zero)")]
    public async Task Users_total_is_every_match_whatever_the_page(int startIndex, int count, int itemsOnPage)
    {
        var prefix = "total-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await CreateUserAsync($"{prefix}-{i}@example.com");
        }

        var (_, page) = await Scim.GetAsync($"/Users?filter={ScimClient.Filter($"userName sw \"{prefix}\"")}&startIndex={startIndex}&count={count}");

        AssertPage(page, total: 3, startIndex, itemsOnPage);
    }

    [Test]
    public async Task A_user_name_lookup_that_finds_nobody_has_a_total_of_zero()
    {
        var (_, page) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter($"userName eq \"{NewUserName()}\""));

        AssertPage(page, total: 0, startIndex: 1, itemsOnPage: 0);
    }

    [TestCase(1, 10, 2, null)]
    [TestCase(2, 10, 1, null)]
    [TestCase(1, 1, 1, "members")]
    [TestCase(3, 1, 0, "members")]
    public async Task Groups_total_is_every_match_with_or_without_members(int startIndex, int count, int itemsOnPage, string? excluded)
    {
        var prefix = "total-" + Guid.NewGuid().ToString("N")[..8];
        var member = await CreateUserAsync(NewUserName());
        for (var i = 0; i < 2; i++)
        {
            await Scim.PostAsync("/Groups", $$"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{prefix}}-{{i}}","members":[{"value":"{{member}}"}]}
                """);
        }

        var query = $"/Groups?filter={ScimClient.Filter($"displayName sw \"{prefix}\"")}&startIndex={startIndex}&count={count}";
        var (_, page) = await Scim.GetAsync(excluded is null ? query : query + "&excludedAttributes=" + excluded);

        AssertPage(page, total: 2, startIndex, itemsOnPage);
        foreach (var group in page!["Resources"]!.AsArray())
        {
            Assert.That(group!["members"]?.AsArray().Select(m => (string)m!["value"]!), excluded is null ? Is.EqualTo(new[] { member }) : Is.Null);
        }
    }

    private static void AssertPage(JsonObject? page, int total, int startIndex, int itemsOnPage) =>
        Assert.Multiple(() =>
        {
            Assert.That(page?["totalResults"]?.GetValue<int>(), Is.EqualTo(total), page?.ToJsonString());
            Assert.That(page?["startIndex"]?.GetValue<int>(), Is.EqualTo(startIndex));
            Assert.That(page?["itemsPerPage"]?.GetValue<int>(), Is.EqualTo(itemsOnPage));
            Assert.That(page?["Resources"]?.AsArray(), Has.Count.EqualTo(itemsOnPage));
        });
}
