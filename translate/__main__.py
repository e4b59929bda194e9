import sys

from translate.cli.main import main

sys.exit(main())
