namespace Colour2Vec.Evaluation;

/// <summary>How well an embedding keeps each colour's nearest neighbours (see <see cref="NeighbourhoodPreservation"/>).</summary>
/// <param name="Trustworthiness">Venna and Kaski's trustworthiness at <paramref name="K"/>: 1 when no embedded neighbour is a stranger in the original space.</param>
/// <param name="Recall">Mean share of the <paramref name="K"/> original nearest neighbours that are also embedded nearest neighbours.</param>
/// <param name="K">Neighbours per query.</param>
/// <param name="Queries">Query points averaged over (all points, or a sample).</param>
public readonly record struct NeighbourhoodScores(double Trustworthiness, double Recall, int K, int Queries);
