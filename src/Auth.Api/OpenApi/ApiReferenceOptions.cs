namespace Auth.Api.OpenApi;

/// <summary>Settings of the API reference page, bound from the <c>Admin</c> section.</summary>
public sealed class ApiReferenceOptions
{
    public const string Section = "Admin";

    /// <summary>Serve the reference page at <see cref="Routes.ApiReference"/>; in Development it is served regardless.</summary>
    public bool ApiReference { get; set; }
}
