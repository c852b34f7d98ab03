#include "boosted_trees.h"

namespace anagen::imaging {

double boosted_sum(const BoostedTrees& model, const float* x) {
  double sum = model.base;
  for (int root : model.roots) {
    const TreeNode* n = &model.nodes[root];
    while (n->feature >= 0) n = &model.nodes[n->next + !(x[n->feature] <= n->threshold)];
    sum += n->value;
  }
  return sum;
}

}  // namespace anagen::imaging
