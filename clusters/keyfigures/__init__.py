"""Key figures for the clusters' steering groups and the regional secretariat (DOMAIN.md section 7).

Pure parts first: ``periods`` (the reporting periods a figure is counted over) and ``suppression`` (small
cells shown as "<5", including those derivable by subtraction). Neither imports Django.
"""
