namespace Auth.Api.Seed;

/// <summary>The seed file applied at every start (<c>Seed:File</c>, or <c>Seed__File</c> in the environment).</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public string? File { get; set; }
}
