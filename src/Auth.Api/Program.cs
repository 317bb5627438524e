using Auth.Api.Hosting;

return await ServiceHost.RunAsync(args);

/// <summary>
/// For the functional tests' WebApplicationFactory (InternalsVisibleTo). Internal, so that an application referencing
/// the service (through Auth.Testing) keeps its own global Program.
/// </summary>
internal partial class Program;
