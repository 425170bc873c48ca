"""Language: the rules decide what each figure means; the realiser words it from the phrasebook."""
