int main() { return 2; }  // placeholder until the example lands
