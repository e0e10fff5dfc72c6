namespace Colour2Vec.Evaluation;

/// <summary>An item near another: its index and its Euclidean distance in the embedding.</summary>
public readonly record struct Neighbour(int Index, float Distance);
