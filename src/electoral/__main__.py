from electoral.cli import main

main()
